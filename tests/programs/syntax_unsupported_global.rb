# naruby-only: global variables are not part of the language
p 1
$count = 1
