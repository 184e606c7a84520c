def xorshift32(x)
  x ^= (x << 13) & 0xffffffff
  x ^= x >> 17
  x ^= (x << 5) & 0xffffffff
  x
end
x = 2463534242
i = 0
while i < 5
  x = xorshift32(x)
  p x
  i += 1
end
sum = 0
hist0 = 0
while i < 100000
  x = xorshift32(x)
  sum = (sum + x) % 1000000007
  hist0 += 1 if x % 10 == 0
  i += 1
end
p sum
p hist0
