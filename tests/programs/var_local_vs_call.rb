def a = 1; def b = a
p a
p b
a = 5
p a
p b
def c = a
p c
p a + b + c
