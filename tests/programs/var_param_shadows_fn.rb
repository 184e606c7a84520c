def v = 99
def f(v)
  v + 1
end
p f(1)
p v
def w(n) = n * 2
def g(w)
  w + 1
end
p g(10)
p w(10)
