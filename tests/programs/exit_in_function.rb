def run(n)
  i = 0
  while i < n
    j = 0
    while j < n
      if i * j == 6
        p i
        p j
        exit(5)
      end
      j += 1
    end
    i += 1
  end
end
run(10)
p 999
