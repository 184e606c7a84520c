# naruby-only: puts and print return 0 (Ruby returns nil)
x = puts 7
p x
y = print 8
puts
p y
z = p 9
p z
p(puts(1) + 5)
