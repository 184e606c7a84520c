def fib(n)
  return n if n < 2
  a = 0
  b = 1
  i = 1
  while i < n
    t = a + b
    a = b
    b = t
    i += 1
  end
  b
end
i = 0
while i <= 10
  print fib(i)
  print 0 if i < 10
  i += 1
end
puts
p fib(50)
p fib(90)
p fib(92)
