# naruby-only: integer overflow is an error (Ruby switches to a Bignum)
p 3037000499 * 3037000499
p -3037000499 * 3037000499
p 3037000500 * 3037000500
