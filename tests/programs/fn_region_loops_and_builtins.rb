# Loops with next, break and return inside functions, locals that live
# across calls, and builtins with several arguments called from inside.
def walk(n, limit)
  i = 0
  total = 0
  while i < n
    i += 1
    next if i % 3 == 0
    total += i
    break if total > limit
  end
  p i, total
  return total * 2 if total > limit
  total
end

def outer(k)
  walk(k, 40) + walk(k, 1000)
end

p outer(10)
p outer(20)
