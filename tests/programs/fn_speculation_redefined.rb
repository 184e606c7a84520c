# A function called from compiled code is redefined between calls; the
# caller must see each definition in turn.
def f(a)
  a + 1
end

def caller_of_f(a)
  f(a) * 10
end

p caller_of_f(1)

def f(a)
  a + 2
end

p caller_of_f(1)

def countdown(n)
  if n == 0
    0
  else
    1 + countdown(n - 1)
  end
end

p countdown(100)
