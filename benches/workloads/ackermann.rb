# Ackermann's function, A(3, n): deep, non-tail recursion.
def ack(m, n)
  if m == 0
    n + 1
  elsif n == 0
    ack(m - 1, 1)
  else
    ack(m - 1, ack(m, n - 1))
  end
end

p ack(3, 11)
