def t(x)
  p x
  x
end
if t(1) > 0 && t(2) > 0
  p 100
end
if t(3) < 0 && t(4) > 0
  p 101
end
if t(5) > 0 || t(6) > 0
  p 102
end
if t(7) < 0 || t(8) > 0
  p 103
end
if 1 > 2 || 2 > 1 && 3 > 4
  p 104
else
  p 105
end
if 1 > 2 and 3 > 4 or 5 > 4
  p 106
end
if 1 < 2 or 3 > 4 and 5 > 6
  p 107
else
  p 108
end
if not 1 == 2
  p 109
end
p 110 if not 3 > 4
p 111 unless not 3 > 4
if !(1 > 2) && !(3 > 4)
  p 112
end
x = 1 and p 113
p x
if 1 > 2 || (3 > 4 || 5 > 4) && 6 > 5
  p 114
end
i = 0
while i < 10 && t(i) < 3
  i += 1
end
p i
