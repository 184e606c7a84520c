# The prime? workload of the ASTro JIT paper: count the primes from 0 up to
# the limit (inclusive) by trial division.  prime? returns 1 or 0.
def prime?(n)
  return 0 if n < 2
  i = 2
  while i * i <= n
    return 0 if n % i == 0
    i += 1
  end
  1
end

count = 0
i = 0
while i <= 1000000
  count += 1 if prime?(i) == 1
  i += 1
end
p count
