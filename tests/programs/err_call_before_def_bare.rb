p 1
p later
def later = 2
