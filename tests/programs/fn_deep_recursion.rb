# naruby-only: 100,000 nested calls (CRuby's default stack overflows long before)
def depth(n)
  if n == 0
    return 0
  end
  1 + depth(n - 1)
end
p depth(100000)
def sum(n) = n == 0 ? 0 : n + sum(n - 1)
p sum(100000)
def down(n)
  i = 0
  while i < 1
    return n if n == 0
    return down(n - 1)
  end
end
p down(100000)
