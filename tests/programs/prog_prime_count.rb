# Count primes below 10,000 by trial division (no sieve).
def is_prime(n)
  return 0 if n < 2
  return 1 if n < 4
  return 0 if n % 2 == 0
  d = 3
  while d * d <= n
    return 0 if n % d == 0
    d += 2
  end
  1
end
count = 0
sum = 0
n = 0
while n < 10000
  if is_prime(n) == 1
    count += 1
    sum += n
    p n if count <= 10
  end
  n += 1
end
p count
p sum
largest = 10000
largest -= 1 until is_prime(largest) == 1
p largest
