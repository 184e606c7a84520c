def f(x) = x + 1
i = 0
s = 0
while i < 1000
  s += f(i)
  if i == 499
    def f(x) = x * 2
  end
  i += 1
end
p s
def g(x) = x
i = 0
t = 0
while i < 30
  t = t * 2 + g(i % 2)
  def g(x) = 1 - x if i == 9
  def g(x) = x if i == 19
  i += 1
end
p t
