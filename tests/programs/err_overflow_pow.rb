# naruby-only: integer overflow is an error (Ruby switches to a Bignum)
p 2 ** 62
p 2 ** 63
