puts
puts 1
puts
puts
puts 2
