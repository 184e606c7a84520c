# naruby-only: blocks are not part of the language
def f = 1
p 1
f { 2 }
