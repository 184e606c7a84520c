def classify(n)
  if n < 0
    -1
  elsif n == 0
    0
  elsif n < 10
    1
  else
    2
  end
end
p classify(-5)
p classify(0)
p classify(7)
p classify(70)
x = 3
if x > 2 then p 1 else p 0 end
if x > 5; p 2; elsif x > 1; p 3; end
if x == 3
  p 4
end
if x != 3
  p 5
elsif x >= 3 then
  p 6
end
if x > 0
  if x > 1
    if x > 2
      p 7
    end
  else
    p 8
  end
end
