def add3 a, b, c
  a + b + c
end
def one x
  x
end
p add3(1, 2, 3)
p add3 4, 5, 6
x = one 7
p x
def none
  8
end
p none
