i = 0
while i < 3
  def f
    break
  end
  i += 1
end
