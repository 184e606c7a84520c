# naruby-only: a product by a constant one past the largest integer
def triple(x)
  x * 3
end
p triple(3074457345618258602)
p triple(3074457345618258603)
