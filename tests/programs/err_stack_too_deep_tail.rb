# Infinite tail recursion ends in SystemStackError, as in Ruby: no mode may
# turn it into a loop.
def f(n)
  f(n + 1)
end
f(0)
