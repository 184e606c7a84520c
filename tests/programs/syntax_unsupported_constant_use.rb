# naruby-only: constants are not part of the language
x = 1
p x + Foo
