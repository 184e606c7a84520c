i = 0
count = 0
while i < 5
  j = 0
  while j < 5
    break if j > i
    count += 1
    j += 1
  end
  i += 1
end
p count
a = 0
while a < 3
  b = 0
  while b < 3
    b += 1
    next if b == 2
    p a * 10 + b
  end
  a += 1
  next if a == 2
  p a * 100
end
x = 0
while x < 10
  y = 0
  until y == 10
    y += 1
    break if y == 3
  end
  x += y
  break if x > 7
end
p x
