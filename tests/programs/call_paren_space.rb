a = 3
b = 4
puts (a) * b
puts(a * b)
def f(x) = x + 1
p f(a) * b
p (a + 1) * b
c = f(a) * b
p c
p (a) + (b)
p(a) 
