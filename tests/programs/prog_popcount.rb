def popcount(x)
  c = 0
  while x != 0
    c += x & 1
    x >>= 1
  end
  c
end
def popcount_k(x)
  c = 0
  while x != 0
    x &= x - 1
    c += 1
  end
  c
end
def popcount_swar(x)
  x = x - ((x >> 1) & 0x5555555555555555)
  x = (x & 0x3333333333333333) + ((x >> 2) & 0x3333333333333333)
  x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0f
  ((x & 0xff) + ((x >> 8) & 0xff) + ((x >> 16) & 0xff) + ((x >> 24) & 0xff) +
   ((x >> 32) & 0xff) + ((x >> 40) & 0xff) + ((x >> 48) & 0xff) + ((x >> 56) & 0xff))
end
p popcount(0)
p popcount(255)
p popcount(0b1011011)
p popcount_k(9223372036854775807)
p popcount_k(-1 & 0xffffffff)
p popcount_swar(0x123456789abcdef)
s = 0
i = 0
while i < 1024
  s += popcount(i)
  i += 1
end
p s
def reverse32(x)
  r = 0
  i = 0
  while i < 32
    r = (r << 1) | (x & 1)
    x >>= 1
    i += 1
  end
  r
end
p reverse32(1)
p reverse32(0xf0)
def lowbit(x) = x & -x
p lowbit(96)
def is_pow2(x) = x > 0 && x & (x - 1) == 0
i = 0
while i <= 20
  p i if is_pow2(i)
  i += 1
end
