i = 5
while i >= 0
  p 60 / i
  i -= 1
end
p 0
