# naruby-only: MIN / -1 is an integer overflow (Ruby switches to a Bignum)
x = -9223372036854775808
p x / 1
p x % -1
p x / -1
