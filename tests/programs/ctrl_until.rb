i = 0
until i >= 5
  i += 2
end
p i
j = 10
until j < 0 do j -= 3 end
p j
n = 1
until n > 1000 do
  n *= 3
end
p n
m = 5
until m > 0
  m = 0
end
p m
