def inc(x) = x + 1
def mul(a, b) = a * b
def zero = 0
def cube(x) = x * x * x
p inc(1)
p mul(6, 7)
p zero
p cube(inc(2))
def pos(x) = x > 0 ? x : 0
p pos(-5)
p pos(5)
