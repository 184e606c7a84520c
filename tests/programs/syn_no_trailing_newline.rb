p 1
p 2