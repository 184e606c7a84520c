# naruby-only: return without a value gives 0 (Ruby: nil)
def f(x)
  return if x > 0
  x * 2
end
p f(5)
p f(-5)
def g
  return
end
p g
