# naruby-only: method calls with a receiver are not part of the language
x = 5
p x.abs
