def is_even(n)
  return 1 if n == 0
  is_odd(n - 1)
end
def is_odd(n)
  return 0 if n == 0
  is_even(n - 1)
end
p is_even(10)
p is_even(7)
p is_odd(1001)
p is_odd(1000)
def hf(n) = n == 0 ? 1 : n - hm(hf(n - 1))
def hm(n) = n == 0 ? 0 : n - hf(hm(n - 1))
i = 0
while i < 15
  print hf(i), hm(i)
  puts
  i += 1
end
