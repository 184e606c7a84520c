p 1
exit(1, 2)
