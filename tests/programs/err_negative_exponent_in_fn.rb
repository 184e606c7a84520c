# naruby-only: a negative exponent is an error (Ruby returns a Rational)
def pow(b, e)
  b ** e
end
i = 3
while i > -3
  p pow(2, i)
  i -= 1
end
