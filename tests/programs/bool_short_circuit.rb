# naruby-only: 0 is false in && and || (and the results are 1/0)
def f(x)
  p x
  x
end
a = 0 && f(1)
b = 2 && f(3)
c = 4 || f(5)
d = 0 || f(6)
e = 0 || f(0)
p a + b * 10 + c * 100 + d * 1000 + e * 10000
g = (0 and f(7))
h = (0 or f(8))
p g + h * 10
