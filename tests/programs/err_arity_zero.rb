def z = 5
p z
p z(1)
