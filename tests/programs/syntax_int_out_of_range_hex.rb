# naruby-only: Ruby has Bignums
p 1
x = 0x8000000000000000
