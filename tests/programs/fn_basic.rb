def add(a, b)
  a + b
end
def square(x) = x * x
def three
  3
end
def four() = 4
def five()
  5
end
p add(1, 2)
p square(9)
p three
p three()
p four
p five
p add(square(3), three)
p add(add(1, 2), add(3, 4))
p square(square(square(2)))
