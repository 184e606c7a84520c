# share and split have equal bodies, so one identity, and compiled code
# that speculates runs them as region code: an error in either must report
# its own line.
def share(a)
  100 / a
end

def split(a)
  100 / a
end

def both(a, b)
  share(a) + split(b)
end

i = 0
while i < 300
  both(1, 2)
  i += 1
end
p both(1, 2)
p both(4, 5)
p both(0, 2)
p 1
