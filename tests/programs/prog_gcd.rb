def gcd(a, b)
  while b != 0
    t = a % b
    a = b
    b = t
  end
  a
end
def gcd_rec(a, b) = b == 0 ? a : gcd_rec(b, a % b)
def lcm(a, b) = a / gcd(a, b) * b
p gcd(48, 18)
p gcd(17, 5)
p gcd(0, 9)
p gcd_rec(1071, 462)
p gcd_rec(9223372036854775807, 2147483647)
p lcm(4, 6)
l = 1
i = 1
while i <= 20
  l = lcm(l, i)
  i += 1
end
p l
s = 0
coprime = 0
i = 1
while i <= 100
  j = 1
  while j <= 100
    g = gcd(i, j)
    s += g
    coprime += 1 if g == 1
    j += 1
  end
  i += 1
end
p s
p coprime
