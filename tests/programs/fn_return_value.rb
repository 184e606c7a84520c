def last_expr(x)
  y = x * 2
  y + 1
end
p last_expr(5)
def branch(x)
  if x > 0
    return 1
  elsif x < 0
    return -1
  end
  0
end
p branch(9)
p branch(-9)
p branch(0)
def assign_last(x)
  y = x + 10
end
p assign_last(1)
def compound_last(x)
  x += 5
end
p compound_last(1)
def loop_then_value(n)
  s = 0
  while n > 0
    s += n
    n -= 1
  end
  s
end
p loop_then_value(100)
