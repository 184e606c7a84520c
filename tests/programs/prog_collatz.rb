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
p collatz_len(1)
p collatz_len(6)
p collatz_len(27)
best = 0
best_n = 0
n = 1
while n < 10000
  l = collatz_len(n)
  if l > best
    best = l
    best_n = n
  end
  n += 1
end
p best_n
p best
def peak(n)
  m = n
  until n == 1
    n = n % 2 == 0 ? n / 2 : 3 * n + 1
    m = n if n > m
  end
  m
end
p peak(27)
