# naruby-only: Ruby has Bignums
p 1
p 9223372036854775808
