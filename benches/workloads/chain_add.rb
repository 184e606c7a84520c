# A 10-deep call chain that adds 1 at every level (a1 calls a2 ... a10),
# called in a loop and summed.

def a1(x)
  a2(x + 1)
end

def a2(x)
  a3(x + 1)
end

def a3(x)
  a4(x + 1)
end

def a4(x)
  a5(x + 1)
end

def a5(x)
  a6(x + 1)
end

def a6(x)
  a7(x + 1)
end

def a7(x)
  a8(x + 1)
end

def a8(x)
  a9(x + 1)
end

def a9(x)
  a10(x + 1)
end

def a10(x)
  x + 1
end

sum = 0
i = 0
while i < 10000000
  sum += a1(i)
  i += 1
end
p sum
