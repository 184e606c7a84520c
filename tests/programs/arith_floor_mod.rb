p 7 % 3
p -7 % 3
p 7 % -3
p -7 % -3
p 6 % 3
p -6 % 3
p 6 % -3
p -6 % -3
p 0 % 7
p 0 % -7
p 1 % 5
p -1 % 5
p 1 % -5
p -1 % -5
a = -13
b = 4
p a % b
p b % a
p(-a % b)
p(a % -b)
p a / b * b + a % b
