# The smallest factor >= 2 of every n from 2 up to the limit (exclusive),
# found by a function that returns early from inside its loop; summed.
def smallest_factor(n)
  i = 2
  while i * i <= n
    return i if n % i == 0
    i += 1
  end
  n
end

sum = 0
n = 2
while n < 2000000
  sum += smallest_factor(n)
  n += 1
end
p sum
