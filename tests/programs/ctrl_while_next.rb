i = 0
s = 0
while i < 10
  i += 1
  next if i % 2 == 0
  s += i
end
p s
j = 0
t = 0
until j == 10
  j += 1
  if j % 3 == 0
    next
  end
  t += j
end
p t
k = 0
u = 0
while k < 5
  k += 1
  next 99 if k == 2
  u += k
end
p u
