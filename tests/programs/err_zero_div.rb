p 10 / 2
x = 0
p 10 / x
p 3
