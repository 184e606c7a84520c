def h(x) = x
p h(1)
p h
