# naruby-only: && || and or not produce 1 or 0 (Ruby returns an operand or true/false)
p(1 && 2)
p(0 && 2)
p(2 && 0)
p(0 || 0)
p(0 || 3)
p(4 || 0)
p(-4 || 9)
x = (7 and 8)
p x
x = (0 and 8)
p x
x = (0 or 0)
p x
x = (0 or -2)
p x
x = (not 0)
p x
x = (not 9)
p x
y = 0 or p 3
p y
z = 5 and p 4
p z
