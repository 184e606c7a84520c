# naruby-only: integer overflow is an error (Ruby switches to a Bignum)
p 1 << 62
p -1 << 63
p 1 << 63
