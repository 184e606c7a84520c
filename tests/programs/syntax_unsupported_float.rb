# naruby-only: floats are not part of the language
p 1
p 1.5
