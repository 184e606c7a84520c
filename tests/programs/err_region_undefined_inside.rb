# A name no def binds, called from inside recursive code: NoMethodError at
# that call's line, after the output printed before it.
def f(n)
  if n > 2
    missing(n)
  else
    p n
    f(n + 1)
  end
end
f(0)
