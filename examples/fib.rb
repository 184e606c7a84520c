# Doubly recursive Fibonacci: prints fib(30).
def fib(n)
  if n < 2
    n
  else
    fib(n - 1) + fib(n - 2)
  end
end

p fib(30)
