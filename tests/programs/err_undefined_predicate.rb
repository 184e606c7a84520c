def ok?(n) = n > 0
p 1 if ok?(1)
p 2 if ready?(1)
