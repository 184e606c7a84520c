# naruby-only: Ruby has Bignums
p 1
x = -9223372036854775809
