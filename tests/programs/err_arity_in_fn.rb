def inner(a, b, c)
  a + b + c
end
def outer(x)
  inner(x, x)
end
p inner(1, 2, 3)
p outer(1)
