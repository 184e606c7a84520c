# FizzBuzz with numbers: 15 for FizzBuzz, 3 for Fizz, 5 for Buzz.
i = 1
while i <= 30
  if i % 15 == 0
    puts 15
  elsif i % 3 == 0
    puts 3
  elsif i % 5 == 0
    puts 5
  else
    puts i
  end
  i += 1
end
