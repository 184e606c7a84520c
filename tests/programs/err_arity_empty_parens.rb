p 1

def two(a, b)
  a * b
end
x = two()
