i = 0
while i < 5
  p i
  i += 1
  p missing if i == 3
end
