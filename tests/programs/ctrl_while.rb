i = 0
s = 0
while i < 10
  s += i
  i += 1
end
p s
p i
j = 0
while j < 3 do j += 1 end
p j
k = 5
while k > 0 do
  k -= 2
end
p k
m = 100
while m < 10
  m = 0
end
p m
