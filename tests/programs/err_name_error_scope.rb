x = 10
def f
  x + 1
end
p x
p f
