if 1 > 2
  def f = 1
end
p 0
p f()
