def modpow(b, e, m)
  r = 1
  b %= m
  while e > 0
    r = r * b % m if e & 1 == 1
    b = b * b % m
    e >>= 1
  end
  r
end
p modpow(2, 10, 1000)
p modpow(2, 1000000, 1000000007)
p modpow(3, 1000000000000000000, 998244353)
p modpow(7, 0, 13)
p modpow(123456789, 987654321, 1000000007)
# Fermat test: a^(p-1) mod p == 1 for prime p
p modpow(2, 1000000006, 1000000007)
def mulmod(a, b, m)
  r = 0
  a %= m
  while b > 0
    r = (r + a) % m if b & 1 == 1
    a = a * 2 % m
    b >>= 1
  end
  r
end
p mulmod(4611686018427387903, 4611686018427387903, 4611686018427387847)
