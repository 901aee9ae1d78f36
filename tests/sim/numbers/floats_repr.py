# float repr uses the shortest round-trip form
values = [0.1, 1/7, 2.0 ** 0.5, 1e15, 1e16, 123e-20, 5e-324, 1.7976931348623157e308, 100.0, 1234.5678]
for v in values:
    print(v, repr(v), str(-v))
print([1.5, 2.25], (0.3,), {0.5: 1.25})
print(3 * 0.1, 0.1 * 3 == 0.3, 1.1 + 2.2)
