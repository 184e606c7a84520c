def f(a) = a
p f(1)
def f(a, b) = a + b
p f(1, 2)
p f(1)
