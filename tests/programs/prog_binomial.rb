def choose(n, k)
  k = n - k if k > n - k
  c = 1
  i = 1
  while i <= k
    c = c * (n - k + i) / i
    i += 1
  end
  c
end
k = 0
while k <= 10
  print choose(10, k)
  puts
  k += 1
end
p choose(60, 30)
p choose(40, 20)
def catalan(n) = choose(2 * n, n) / (n + 1)
i = 0
while i <= 15
  p catalan(i)
  i += 1
end
