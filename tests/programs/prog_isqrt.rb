def isqrt(n)
  return n if n < 2
  lo = 1
  hi = 3037000499
  hi = n if n < hi
  while lo < hi
    mid = (lo + hi + 1) / 2
    if mid <= n / mid
      lo = mid
    else
      hi = mid - 1
    end
  end
  lo
end
p isqrt(0)
p isqrt(1)
p isqrt(15)
p isqrt(16)
p isqrt(17)
p isqrt(1000000)
p isqrt(999999999999)
p isqrt(9223372036854775807)
def newton(n)
  return n if n < 2
  x = n
  y = x / 2 + x % 2
  while y < x
    x = y
    y = (x + n / x) / 2
  end
  x
end
p newton(9223372036854775807)
p newton(123456789)
