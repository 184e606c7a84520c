x = 5
y = 0
x %= 3
p x
x %= y
