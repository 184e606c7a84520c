def digit_sum(n)
  s = 0
  while n > 0
    s += n % 10
    n /= 10
  end
  s
end
def reverse(n)
  r = 0
  until n == 0
    r = r * 10 + n % 10
    n /= 10
  end
  r
end
p digit_sum(9223372036854775807)
p reverse(123456789)
p reverse(1000)
pal = 0
n = 1
while n < 10000
  pal += 1 if reverse(n) == n
  n += 1
end
p pal
n = 100
while n < 1000
  a = n / 100
  b = n / 10 % 10
  c = n % 10
  p n if a ** 3 + b ** 3 + c ** 3 == n
  n += 1
end
