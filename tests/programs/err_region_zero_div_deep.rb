# An error deep inside recursive code names the line of the failing node.
def down(n, d)
  if n == 0
    10 / d
  else
    down(n - 1, d) + 1
  end
end
p down(5, 2)
p down(5, 0)
