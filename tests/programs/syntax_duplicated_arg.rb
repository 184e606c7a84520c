p 1
def f(a, a)
end
