# naruby-only: naruby's recursion limit differs from CRuby's
# Endless mutual recursion, each call inside an expression: the same call
# overflows in every mode.
def f(n)
  g(n) + 1
end
def g(n)
  f(n) * 2
end
p f(1)
