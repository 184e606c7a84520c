# `a % b == 0` is one fused test; its answer must not depend on the signs
# (Ruby's modulo takes the divisor's sign, C's remainder the dividend's).
def divides(a, b)
  if a % b == 0
    1
  else
    0
  end
end

def leaves_remainder(a, b)
  if a % b != 0
    1
  else
    0
  end
end

def show(a, b)
  p(divides(a, b), leaves_remainder(a, b))
end

show(6, 3)
show(-6, 3)
show(6, -3)
show(-6, -3)
show(7, 3)
show(-7, 3)
show(7, -3)
show(-7, -3)
show(-9223372036854775808, -1)
show(-9223372036854775808, 2)
show(-9223372036854775807, 2)
show(9223372036854775807, 9223372036854775807)
show(0, 5)
show(5, 1)
show(-1, -1)
