# naruby-only: 0 is false and every other integer is true (in Ruby every integer is true)
if 0
  p 1
else
  p 2
end
if 5 then p 3 end
if -1 then p 4 end
unless 0 then p 5 end
x = 3
while x
  p x
  x -= 1
end
p(0 ? 10 : 20)
p(7 ? 10 : 20)
y = 0
p 6 if y
p 7 unless y
n = 10
n -= 1 while n % 4
p n
m = 0
m += 1 until m
p m
