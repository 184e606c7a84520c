# naruby-only: true is not part of the language
p 1
if true
  p 2
end
