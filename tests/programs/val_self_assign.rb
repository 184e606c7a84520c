# naruby-only: in `a = a` the right side is the new local, 0 (Ruby: nil)
def a = 42
p a
a = a
p a
def n = 7
n = n + 1
p n
