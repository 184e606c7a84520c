def even?(n) = n % 2 == 0
def double!(n) = n * 2
def positive?(n)
  n > 0
end
i = 0
while i < 5
  if even?(i)
    p double!(i)
  end
  i += 1
end
p 1 if positive?(3)
p 2 unless positive?(-3)
def twice!(n)
  n * 2
end
p twice! 21
