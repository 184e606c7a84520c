# Calls by a name the program defines only once: compiled code may call
# that definition directly, but only while it is the function the name
# finds. Before the def runs the name finds a builtin; a def that runs
# again (in a loop, or inside another function) keeps the same function.
def show(x)
  puts(x)
end

show(1)

def puts(x)
  p(x * 100)
end

show(2)

def setup
  def helper(a)
    a + 1
  end
  0
end

def use(a)
  helper(a)
end

setup
p use(41)
setup
p use(1)

i = 0
total = 0
while i < 3
  def step(a)
    a * 2
  end
  total += step(i)
  i += 1
end
p total

def same_body_a(a)
  a - 7
end

def same_body_b(a)
  a - 7
end

p same_body_a(10) + same_body_b(20)
