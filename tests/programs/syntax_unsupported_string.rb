# naruby-only: strings are not part of the language
p 1
puts "hi"
