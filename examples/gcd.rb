# Euclid's algorithm: sum of gcd(i, j) for 1 <= i, j <= 300.
def gcd(a, b)
  while b != 0
    t = a % b
    a = b
    b = t
  end
  a
end

sum = 0
i = 1
while i <= 300
  j = 1
  while j <= 300
    sum += gcd(i, j)
    j += 1
  end
  i += 1
end
p sum
