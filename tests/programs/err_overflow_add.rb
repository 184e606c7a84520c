# naruby-only: integer overflow is an error (Ruby switches to a Bignum)
x = 9223372036854775806
x = x + 1
p x
x = x + 1
p x
