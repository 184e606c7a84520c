def f = 1
p f
def f = 2
p f
def g = f * 10
p g
def f = 3
p g
def f(x) = x * 100
p f(2)
