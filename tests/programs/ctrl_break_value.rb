i = 0
x = while i < 10
  i += 1
  break i * 2 if i == 3
end
p x
y = until i > 100 do i += 10; break 77 if i > 40 end
p y
p i
i = 0
total = 0
while i < 3
  j = 0
  v = while j < 10
    j += 1
    break j * 100 if j == i + 2
  end
  total += v
  i += 1
end
p total
