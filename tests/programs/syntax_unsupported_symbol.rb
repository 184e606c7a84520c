# naruby-only: symbols are not part of the language
p 1
x = :abc
