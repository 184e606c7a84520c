# Pythagorean triples with c <= 100, and a multiplication-table checksum.
count = 0
perims = 0
a = 1
while a <= 100
  b = a
  while b <= 100
    c = b
    while c <= 100
      if a * a + b * b == c * c
        count += 1
        perims += a + b + c
      end
      c += 1
    end
    b += 1
  end
  a += 1
end
p count
p perims
sum = 0
i = 1
while i <= 12
  j = 1
  while j <= 12
    sum += i * j * (i + j)
    j += 1
  end
  i += 1
end
p sum
