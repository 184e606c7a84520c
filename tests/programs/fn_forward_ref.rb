def a(n) = b(n) + 1
def b(n) = n * 10
p a(4)
def c(n)
  return 0 if n == 0
  d(n - 1) + 1
end
def d(n)
  return 0 if n == 0
  c(n - 1) + 10
end
p c(5)
