x = 6
exit(x * 7)
