# naruby-only: integer overflow is an error (Ruby switches to a Bignum)
x = 1
p x << 10
p x << 100
