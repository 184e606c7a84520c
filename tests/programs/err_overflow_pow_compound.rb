# naruby-only: integer overflow is an error (Ruby switches to a Bignum)
x = 3
while x < 1000000000000
  x **= 2
  p x
end
p x * 10000
