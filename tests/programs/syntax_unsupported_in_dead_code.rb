# naruby-only: strings are rejected at compile time even in code that never runs
p 1
if 1 > 2
  p "never"
end
