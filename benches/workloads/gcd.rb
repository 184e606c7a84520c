# Euclid's algorithm by modulo, gcd(2**31 - 1, 2**30 - 1), called in a loop
# and summed.
def gcd(a, b)
  while b != 0
    t = a % b
    a = b
    b = t
  end
  a
end

sum = 0
i = 0
while i < 50000000
  sum += gcd(2147483647, 1073741823)
  i += 1
end
p sum
