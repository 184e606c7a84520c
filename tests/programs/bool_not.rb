# naruby-only: ! produces 1 or 0 and treats 0 as false
p !0
p !5
p !-1
p !!7
p !!0
p(!(1 < 2))
p(!(2 < 1))
x = 0
p !x
p(!x + 1)
