# A 40-deep pass-through call chain (f1 calls f2 ... f40 returns x),
# called in a loop and summed.

def f1(x)
  f2(x)
end

def f2(x)
  f3(x)
end

def f3(x)
  f4(x)
end

def f4(x)
  f5(x)
end

def f5(x)
  f6(x)
end

def f6(x)
  f7(x)
end

def f7(x)
  f8(x)
end

def f8(x)
  f9(x)
end

def f9(x)
  f10(x)
end

def f10(x)
  f11(x)
end

def f11(x)
  f12(x)
end

def f12(x)
  f13(x)
end

def f13(x)
  f14(x)
end

def f14(x)
  f15(x)
end

def f15(x)
  f16(x)
end

def f16(x)
  f17(x)
end

def f17(x)
  f18(x)
end

def f18(x)
  f19(x)
end

def f19(x)
  f20(x)
end

def f20(x)
  f21(x)
end

def f21(x)
  f22(x)
end

def f22(x)
  f23(x)
end

def f23(x)
  f24(x)
end

def f24(x)
  f25(x)
end

def f25(x)
  f26(x)
end

def f26(x)
  f27(x)
end

def f27(x)
  f28(x)
end

def f28(x)
  f29(x)
end

def f29(x)
  f30(x)
end

def f30(x)
  f31(x)
end

def f31(x)
  f32(x)
end

def f32(x)
  f33(x)
end

def f33(x)
  f34(x)
end

def f34(x)
  f35(x)
end

def f35(x)
  f36(x)
end

def f36(x)
  f37(x)
end

def f37(x)
  f38(x)
end

def f38(x)
  f39(x)
end

def f39(x)
  f40(x)
end

def f40(x)
  x
end

sum = 0
i = 0
while i < 25000000
  sum += f1(i)
  i += 1
end
p sum
