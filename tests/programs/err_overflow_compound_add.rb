# naruby-only: integer overflow is an error (Ruby switches to a Bignum)
x = 9223372036854775800
i = 0
while i < 10
  x += 1
  i += 1
end
p x
