# Twelve functions of a few nodes each: enough entries that a code store
# compiles them in bundles (several entries through one compiler run).
def f0(a)
  b = a * 3 + 1
  b % 7 + a
end

def f1(a)
  b = a - 5
  b * b % 11
end

def f2(a)
  b = f0(a) + f1(a)
  b - a
end

def f3(a)
  if a % 2 == 0
    a / 2
  else
    3 * a + 1
  end
end

def f4(a)
  n = 0
  while a > 1
    a = f3(a)
    n += 1
  end
  n
end

def f5(a)
  b = a * a
  b % 97
end

def f6(a)
  f5(a) + f5(a + 1)
end

def f7(a)
  b = a
  b = b * 2 if b < 50
  b - 1
end

def f8(a)
  f7(a) * f6(a) % 1000
end

def f9(a)
  b = 0
  i = 0
  while i < a
    b += i * i
    i += 1
  end
  b
end

def f10(a, b)
  a * 31 + b
end

def f11(a)
  f10(f2(a), f8(a)) + f9(a % 10) + f4(a)
end

s = 0
i = 0
while i < 200
  s += f11(i)
  i += 1
end
p s
p f11(27)
p f4(27)
