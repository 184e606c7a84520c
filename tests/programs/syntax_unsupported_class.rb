# naruby-only: classes are not part of the language
p 1
class Foo
end
