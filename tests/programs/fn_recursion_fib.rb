def fib(n)
  if n < 2
    n
  else
    fib(n - 1) + fib(n - 2)
  end
end
i = 0
while i <= 15
  p fib(i)
  i += 1
end
p fib(24)
def fib2(n) = n < 2 ? n : fib2(n - 1) + fib2(n - 2)
p fib2(20)
