# A 10-deep chain of zero-argument functions (c1 calls c2 ... c10 returns a
# constant), called in a loop and summed.

def c1
  c2
end

def c2
  c3
end

def c3
  c4
end

def c4
  c5
end

def c5
  c6
end

def c6
  c7
end

def c7
  c8
end

def c8
  c9
end

def c9
  c10
end

def c10
  1
end

sum = 0
i = 0
while i < 100000000
  sum += c1
  i += 1
end
p sum
