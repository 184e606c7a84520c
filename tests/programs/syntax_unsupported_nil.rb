# naruby-only: nil is not part of the language
p 1
x = nil
