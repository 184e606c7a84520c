# naruby-only: constants are not part of the language
p 1
LIMIT = 10
