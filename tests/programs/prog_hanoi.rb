def hanoi(n, from, to, via)
  return 0 if n == 0
  m = hanoi(n - 1, from, via, to)
  m += 1
  m + hanoi(n - 1, via, to, from)
end
def show(n, from, to, via)
  if n > 0
    show(n - 1, from, via, to)
    p from * 10 + to
    show(n - 1, via, to, from)
  end
end
show(3, 1, 3, 2)
p hanoi(10, 1, 3, 2)
p hanoi(20, 1, 3, 2)
