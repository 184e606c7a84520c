puts 1, 2
p 3, 4
print 5, 6, 7
puts
puts -8
p -9, 10
puts 1 + 2, 3 * 4
