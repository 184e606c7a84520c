print 1, 2
print 3
x = 4 % 0
