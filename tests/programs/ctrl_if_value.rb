x = 7
y = if x > 5 then 1 else 2 end
p y
z = if x > 10
  100
elsif x > 6
  200
else
  300
end
p z
w = unless x > 5 then 10 else 20 end
p w
def pick(n) = if n > 0 then n else -n end
p pick(-3)
p pick(3)
v = (x > 5 ? 1 : 0) + (x > 8 ? 1 : 0)
p v
def last(n)
  if n > 0
    n * 2
  else
    n * 3
  end
end
p last(5) + last(-5)
