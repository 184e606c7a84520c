# A function with a dominant branch: the condition holds for all but one
# in a thousand arguments.  Called in a loop and summed.
def step(x)
  if x % 1000 != 0
    x + 1
  else
    x - 1
  end
end

sum = 0
i = 0
while i < 50000000
  sum += step(i)
  i += 1
end
p sum
