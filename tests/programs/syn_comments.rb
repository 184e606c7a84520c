# leading comment
p 1 # trailing comment
# p 2
x = 3 # assign
   # indented comment
p x
def f(a) # comment after params
  a # comment in body
end
p f(4)
#
p 5 #no space
# trailing comment at the end
