def f(x) = x + 1
i = 0
while i < 10
  p f(i)
  if i == 2
    def f(x, y) = x + y
  end
  i += 1
end
