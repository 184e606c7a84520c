# naruby-only: instance variables are not part of the language
p 1
def f
  @n = 1
end
