# A 10-deep pass-through call chain (f1 calls f2 ... f10 returns x),
# called in a loop and summed.

def f1(x)
  f2(x)
end

def f2(x)
  f3(x)
end

def f3(x)
  f4(x)
end

def f4(x)
  f5(x)
end

def f5(x)
  f6(x)
end

def f6(x)
  f7(x)
end

def f7(x)
  f8(x)
end

def f8(x)
  f9(x)
end

def f9(x)
  f10(x)
end

def f10(x)
  x
end

sum = 0
i = 0
while i < 100000000
  sum += f1(i)
  i += 1
end
p sum
