def find_first_multiple(n, k)
  i = 1
  while i <= n
    return i if i % k == 0
    i += 1
  end
  -1
end
p find_first_multiple(100, 7)
p find_first_multiple(5, 7)
def nested(n)
  i = 0
  while i < n
    j = 0
    while j < n
      return i * 100 + j if i * j == 12
      j += 1
    end
    i += 1
  end
  0
end
p nested(10)
p nested(3)
def my_abs(x)
  if x < 0
    return -x
  end
  x
end
p my_abs(-3)
p my_abs(4)
def early_until(n)
  until n > 100
    n *= 2
    return n if n % 3 == 0
  end
  n
end
p early_until(5)
p early_until(3)
def ret_expr(a, b)
  return a * b + 1
  a - b
end
p ret_expr(3, 4)
