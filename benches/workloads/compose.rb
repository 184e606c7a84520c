# Composition of three small functions, h(g(f(i))), called in a loop and
# summed.
def f(x)
  x + 1
end

def g(x)
  x * 2
end

def h(x)
  x - 3
end

sum = 0
i = 0
while i < 30000000
  sum += h(g(f(i)))
  i += 1
end
p sum
