def f(a,
      b,
      c)
  a * 100 + b * 10 + c
end
p f(1,
    2,
    3)
p f(
  4, 5, 6
)
p(f(7, 8,
    9) +
  1)
