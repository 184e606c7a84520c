def inv(n)
  100 / n
end
i = 3
while i > -3
  p inv(i)
  i -= 1
end
