x = 5
if x > 3
  def h = 100
else
  def h = 200
end
p h
if x > 10
  def k(n) = n + 1
else
  def k(n) = n - 1
end
p k(10)
def m = 1 unless x > 3
def m = 2 if x > 3
p m
