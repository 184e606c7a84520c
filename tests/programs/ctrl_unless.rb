x = 5
unless x > 10
  p 1
end
unless x < 10
  p 2
else
  p 3
end
unless x == 5 then p 4 else p 5 end
p 6 unless x > 100
p 7 unless x < 100
unless x > 1; p 8; end
