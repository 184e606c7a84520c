# f's closure (f, g) is not bound when f is first called, so that call takes
# the ordinary path; after g is defined, the same call site can enter f's
# code without guards (AOT region code) and must still give Ruby's answers.
def f(x)
  if x > 0
    g(x) + 1
  else
    0
  end
end
p f(0)
def g(x) = x * 2
p f(5)
p f(-1)
i = 0
s = 0
while i < 5
  s += f(i)
  i += 1
end
p s
