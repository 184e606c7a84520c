# naruby-only: integer overflow is an error (Ruby switches to a Bignum)
def fact(n) = n <= 1 ? 1 : n * fact(n - 1)
p fact(20)
p fact(21)
