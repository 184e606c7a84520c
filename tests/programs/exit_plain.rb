p 1
exit
p 2
