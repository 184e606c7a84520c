# naruby-only: a negative exponent is an error (Ruby returns a Rational)
p 1
p 2 ** -1
