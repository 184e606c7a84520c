# naruby-only: hashes are not part of the language
p 1
h = {}
