# naruby-only: naruby's recursion limit differs from CRuby's
# Endless mutual recursion through call sites on different lines, one of
# them calling a non-recursive helper with a larger frame: every mode must
# stop at the same call (the value stack alone decides where recursion ends).
def helper(a, b, c, d, e, f)
  g = a + b
  h = c + d
  g + h + e + f
end
def ping(n)
  x = helper(n, 1, 2, 3, 4, 5)
  pong(x - 14)
end
def pong(n)
  ping(n + 1) + 1
end
p 0
p ping(0)
