# naruby-only: a compound assignment to a fresh local starts from 0 (Ruby: nil, NoMethodError)
x += 5
p x
y *= 3
p y
i = 0
while i < 3
  s += i
  i += 1
end
p s
