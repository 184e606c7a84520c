print 7
print 8
exit(2)
