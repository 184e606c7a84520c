p 1
p later(2)
def later(x) = x
