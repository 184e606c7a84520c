# Count the primes below 100000 by trial division; the count is repeated and
# the counts are summed so that no repetition can be skipped.
def count_primes(limit)
  count = 0
  n = 2
  while n < limit
    is_prime = 1
    d = 2
    while d * d <= n
      if n % d == 0
        is_prime = 0
        break
      end
      d += 1
    end
    count += is_prime
    n += 1
  end
  count
end

total = 0
r = 0
while r < 100
  total += count_primes(100000)
  r += 1
end
p total
