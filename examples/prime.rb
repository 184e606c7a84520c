# The prime? workload of the ASTro JIT paper: count the primes in 0..1,000,000
# (both ends inclusive; 1,000,000 itself is not prime) by trial division.
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
while i <= 1_000_000
  count += 1 if prime?(i) == 1
  i += 1
end
p count
