# naruby-only: the value of a loop (and of a bare break) is 0 (Ruby: nil)
i = 0
x = while i < 3 do i += 1 end
p x
p i
y = (i -= 1 until i == 0)
p y
p i
z = while i < 10
  i += 1
  break if i == 5
end
p z
p i
