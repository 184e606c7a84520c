# naruby-only: the value of def is 0 (Ruby returns a symbol)
x = def f(a)
  a + 1
end
p x
p f(1)
y = def g = 5
p y + g
