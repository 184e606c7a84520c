# A function defined, then redefined once with a different body; every call
# in the loop must reach the second definition.  Summed.
def val(x)
  x * 2
end

def val(x)
  x + 1
end

sum = 0
i = 0
while i < 50000000
  sum += val(i)
  i += 1
end
p sum
