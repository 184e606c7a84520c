x = 10
def f
  x = 1
  x + 1
end
def g(x)
  x * 3
end
p f
p x
p g(5)
p x
y = 4
def h(y) = y + 100
p h(1)
p y
def k(a)
  a += 1
  a
end
z = 8
p k(z)
p z
