x = 5
x /= 1
p x
x /= 0
p x
