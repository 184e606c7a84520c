def y = 7
i = 0
while i < 2
  p y
  y = i + 100
  i += 1
end
p y
