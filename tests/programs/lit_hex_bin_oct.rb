p 0xff
p 0xFF
p 0x7f
p 0x0
p 0b1010
p 0b0
p 0b1
p 0o17
p 0o777
p 017
p 0755
p 0x10 + 0b10 + 0o10 + 010
p -0xff
p -0b11
p -0o10
