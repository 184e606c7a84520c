# naruby-only: strings are not part of the language
x = 1
y = x + 'a'
