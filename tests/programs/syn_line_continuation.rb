x = 1 +
  2 +
  3
p x
y = 10 *
    2 -
    5
p y
p(1,
  2)
p(x +
  y)
def f(a, b) = a - b
p f(10,
    3)
z = x >
  5 ? 1 : 0
p z
w = x == 6 &&
  y == 15
p 1 if w
v = 1 <<
  3
p v
u = x > 100 ||
  y > 100
p 2 unless u
puts 4,
  5
t = x ==
  6 ? 10 :
  20
p t
