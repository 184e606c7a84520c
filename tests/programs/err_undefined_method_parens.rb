p 1
x = bar() + 1
