# naruby-only: comparisons produce 1 or 0 (Ruby prints true/false)
p 1 < 2
p 2 < 1
p 2 <= 2
p 3 <= 2
p 3 > 2
p 2 > 3
p 2 >= 2
p 1 >= 2
p 5 == 5
p 5 == 6
p 5 != 6
p 5 != 5
x = 1 < 2
p x + 10
p (1 < 2) + (2 < 3) + (3 < 2)
