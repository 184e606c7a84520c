# Division, modulo and multiplication by constants, with the other operand
# only known at run time: specialized code turns these into shifts, masks and
# range checks, which must round and overflow exactly as Ruby does.
def by_constants(x)
  p(x / 2, x % 2, x / 8, x % 8, x / 1, x % 1, x / 1024, x % 1024)
  p(x / 3, x % 3, x / -2, x % -2, x / -8, x % -8)
end

def times3(x)
  p(x * 3, x * 1, x * 0)
end

def times4(x)
  p(4 * x)
end

by_constants(-9223372036854775808)
by_constants(-1025)
by_constants(-1024)
by_constants(-9)
by_constants(-8)
by_constants(-7)
by_constants(-2)
by_constants(-1)
by_constants(0)
by_constants(1)
by_constants(2)
by_constants(7)
by_constants(8)
by_constants(1023)
by_constants(1024)
by_constants(9223372036854775807)
times3(3074457345618258602)
times3(-3074457345618258602)
times3(0)
times3(-1)
times4(2305843009213693951)
times4(-2305843009213693952)
times4(-1)
