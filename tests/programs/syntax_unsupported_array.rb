# naruby-only: arrays are not part of the language
p 1
x = [1, 2]
