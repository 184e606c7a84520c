# naruby-only: integer overflow is an error (Ruby switches to a Bignum and loops forever)
x = 1
while x > 0
  x *= 2
  p x
end
