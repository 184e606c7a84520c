a = 1
b = 2
c = 3
d = 4
e = 5
f = 6
g = 7
h = 8
i = 9
j = 10
k = 11
l = 12
m = 13
n = 14
o = 15
q = 16
r = 17
s = 18
t = 19
u = 20
p a + b + c + d + e + f + g + h + i + j + k + l + m + n + o + q + r + s + t + u
p a * u - b * t + c * s - d * r
long_variable_name_1 = 100
long_variable_name_2 = long_variable_name_1 * 2
p long_variable_name_2
_under = 3
p _under
camelCase = 4
p camelCase
x1 = 5
x2 = x1 + 1
p x2
