p 1
next
