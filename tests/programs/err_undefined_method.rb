p 1
foo(2)
p 3
