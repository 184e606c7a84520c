p 1
exit(0)
p 2
