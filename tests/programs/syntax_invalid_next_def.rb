p 1
def g(x)
  next if x > 0
  x
end
