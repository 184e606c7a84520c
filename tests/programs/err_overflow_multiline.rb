# naruby-only: integer overflow is an error (Ruby switches to a Bignum)
big = 9223372036854775807
p 1
p(2,
  big +
  1)
