# A bare counting while loop.
i = 0
while i < 100000000
  i += 1
end
p i
