# naruby-only: naruby's recursion limit differs from CRuby's
def f(n) = 1 + f(n * 1)
print 5
p f(1)
