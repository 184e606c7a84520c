def f a, b
  a + b
end
p f 1, 2
p f 1
