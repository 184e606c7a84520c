# Collatz: the number of steps to reach 1, summed over every start below the
# limit.
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

sum = 0
n = 1
while n < 1000000
  sum += collatz_len(n)
  n += 1
end
p sum
