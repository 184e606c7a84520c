def solve(n, row, cols, d1, d2)
  return 1 if row == n
  count = 0
  avail = ~(cols | d1 | d2) & ((1 << n) - 1)
  while avail != 0
    bit = avail & -avail
    avail -= bit
    count += solve(n, row + 1, cols | bit, (d1 | bit) << 1, (d2 | bit) >> 1)
  end
  count
end
n = 1
while n <= 9
  p solve(n, 0, 0, 0, 0)
  n += 1
end
