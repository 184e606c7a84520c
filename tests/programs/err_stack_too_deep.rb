# naruby-only: naruby's recursion limit differs from CRuby's
def down(n)
  down(n + 1) + 1
end
p 1
down(0)
p 2
