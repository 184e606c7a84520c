# naruby-only: a negative exponent is an error (Ruby returns a Rational)
p 2 ** 2
x = -1
p 2 ** x
