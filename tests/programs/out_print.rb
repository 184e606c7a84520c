print 1
print 2, 3
print -4
puts
print 5
puts 6
print 7, 8
