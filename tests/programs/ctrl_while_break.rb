i = 0
while i < 100
  i += 1
  break if i * i > 50
end
p i
j = 0
while j < 10
  if j == 4
    break
  end
  j += 1
end
p j
k = 0
until k > 100
  k += 7
  break unless k < 30
end
p k
