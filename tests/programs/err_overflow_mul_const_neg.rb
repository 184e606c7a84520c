# naruby-only: a product by a constant one past the smallest integer
def quadruple(x)
  4 * x
end
p quadruple(-2305843009213693952)
p quadruple(-2305843009213693953)
