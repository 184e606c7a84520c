p 1
p 2
x = = 3
