# Collatz: the start below 100,000 with the longest chain, and its length.
def collatz_len(n)
  steps = 0
  while n != 1
    if n % 2 == 0
      n /= 2
    else
      n = 3 * n + 1
    end
    steps += 1
  end
  steps
end

best = 0
best_n = 0
n = 1
while n < 100_000
  len = collatz_len(n)
  if len > best
    best = len
    best_n = n
  end
  n += 1
end
p best_n
p best
