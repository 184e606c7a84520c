# naruby-only: a local assigned only on a branch that did not run is 0 (Ruby: nil)
if 1 > 2
  a = 5
end
p a
b = 3 if 1 > 2
p b + 1
i = 0
while i > 0
  c = 9
end
p c
def f(n)
  if n > 0
    r = n * 2
  end
  r
end
p f(4)
p f(-4)
