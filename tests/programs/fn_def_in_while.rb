i = 0
s = 0
while i < 3
  if i == 0
    def step(n) = n + 1
  elsif i == 1
    def step(n) = n * 10
  else
    def step(n) = n - 5
  end
  s = step(s)
  p s
  i += 1
end
j = 0
while j < 2
  def twice(n)
    n * 2
  end
  j += 1
end
p twice(21)
