x = 0
puts 1
p 2, 3 / x
