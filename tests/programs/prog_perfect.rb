def divisor_sum(n)
  s = 1
  d = 2
  while d * d <= n
    if n % d == 0
      s += d
      s += n / d if d * d != n
    end
    d += 1
  end
  s
end
n = 2
while n < 10000
  p n if divisor_sum(n) == n
  n += 1
end
a = 2
while a < 3000
  b = divisor_sum(a)
  if b > a && divisor_sum(b) == a
    p a * 10000 + b
  end
  a += 1
end
