x = p 5
p x + 1
y = p(p(3) + 1)
p y
z = p(-2) * 3
p z
