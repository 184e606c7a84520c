p 1
foo 2
