def f(x)
  g(x) + 1
end
p 1
p f(2)
