def f
  break
end
p 1
