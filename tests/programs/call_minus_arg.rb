p -1
x = 5
p x -1
p x - 1
p x-1
y = x -1
p y
def f(a) = a * 10
z = f -2
p z
p -x
p(-x)
p x - -1
