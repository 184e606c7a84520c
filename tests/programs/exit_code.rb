p 1
exit(3)
p 2
