# naruby-only: an if/unless whose branch is not taken is 0 (Ruby: nil)
x = if 1 > 2 then 5 end
p x
y = unless 1 < 2 then 6 end
p y
z = (7 if 1 > 2)
p z
w = if 1 > 2 then 8 elsif 2 > 3 then 9 end
p w + 1
