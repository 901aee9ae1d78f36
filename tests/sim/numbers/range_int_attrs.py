# range.index/count and slices, int/float real, imag, numerator,
# denominator, conjugate, as_integer_ratio.
r = range(0, 20, 3)
print(r.index(9), r.count(9), r.count(10), r.index(3.0), r.count(True), r[::2], r[1:5], r[::-1], r[-2:0:-2])
print(range(10)[::-1], range(10, 0, -3)[1:], range(5)[10:], range(-5, 5)[::3], range(0)[::-1])
try:
    r.index(10)
except ValueError as e:
    print("ValueError:", e)
try:
    r.index("x")
except ValueError as e:
    print("ValueError:", e)
print((5).real, (5).imag, (5).numerator, (5).denominator, (5).conjugate(), (-7).as_integer_ratio(), (2 ** 70).real)
print(True.real, type(True.real).__name__, True.numerator, (2.5).real, (2.5).imag, (2.5).conjugate())
