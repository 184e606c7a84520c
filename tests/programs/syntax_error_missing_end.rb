p 1
def f
  1
