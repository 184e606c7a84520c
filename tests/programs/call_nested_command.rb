def add(a, b) = a + b
def neg(a) = -a
p add 1, 2
puts neg 5
x = add add(1, 2), 3
p x
