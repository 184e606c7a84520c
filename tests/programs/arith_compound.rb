x = 10
x += 5
p x
x -= 20
p x
x *= -3
p x
x /= 4
p x
x = -7
x /= 2
p x
x = -7
x %= 3
p x
x = 3
x **= 4
p x
x <<= 2
p x
x >>= 3
p x
x &= 12
p x
x |= 3
p x
x ^= 6
p x
x = 2
x **= 3 ** 2
p x
x = 5
x *= 2 + 3
p x
x -= x - 1
p x
x <<= -1
p x
x = 1
x >>= -4
p x
x = 7
x %= -4
p x
x /= -1
p x
