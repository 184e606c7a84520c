def tak(x, y, z)
  if y < x
    tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y))
  else
    z
  end
end
p tak(18, 12, 6)
p tak(12, 8, 4)
p tak(6, 4, 2)
p tak(3, 2, 1)
