x = 0
x += 1 while x < 10
p x
x -= 3 until x < 0
p x
p 1 if x < 0
p 2 if x > 0
p 3 unless x > 0
y = 5
y *= 2 while y < 100
p y
i = 0
i += 1 until i * i >= 50
p i
z = 1 if 2 > 1
p z
x += 100 while x > 1000
p x
x -= 1 until x < 1000
p x
