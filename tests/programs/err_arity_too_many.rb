p 0
def one(x) = x
p one(1)
p one(1, 2, 3)
