def sign(x) = x < 0 ? -1 : x == 0 ? 0 : 1
p sign(-9)
p sign(0)
p sign(9)
a = 4
b = a > 3 ? a * 10 : a
p b
p(a < 3 ? 1 : 2)
c = a > 0 ? (a > 2 ? 100 : 200) : 300
p c
p a > 3 ? 5 : 6
d = a > 0 ? a < 10 ? 1 : 2 : 3
p d
e = (a == 4 ? 7 : 8) + (a != 4 ? 70 : 80)
p e
p a>3 ? a : -a
