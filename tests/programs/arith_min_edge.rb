min = -9223372036854775808
max = 9223372036854775807
p min % -1
p min % 1
p min / 1
p min % 2
p min % 3
p min / 3
p min % max
p min / max
p max / min
p max % min
p min / min
p min % min
p -1 / min
p -1 % min
p 1 / min
p 1 % min
p max % -1
p max / -1
p min + max
p max - max
p min - -1
p min >> 1
p min >> 63
p max >> 62
