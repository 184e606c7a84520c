a = 1; b = 2; p a + b
def f(x); x * 2; end; p f(4)
if a < b; p 1; else; p 2; end
i = 0; while i < 3; i += 1; end; p i
p 5;
;p 6
x = 1;; y = 2
p x + y
