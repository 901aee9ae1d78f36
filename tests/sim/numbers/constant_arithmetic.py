# Arithmetic on number constants, folded at compile time where CPython folds
# it (ints within 64 bits here, the rest at run time): the values are the same.
print(10**6, 2**62, 2**63, 2**-1, 60 * 60 * 24, 1 << 20, -7 // 2, -7 % 2, 7 % -2, 1 / 3, 2.5 * 4, 1 + 2.5, 3 - 1e300 * 10)
print(255 & 15, 8 | 1, 6 ^ 3, -16 >> 2, 5 >> 70, -5 >> 70, 0 ** 0, (-3) ** 3, 7 // -1, True + 1, 1 << 62)
x = 2**16
print(x, (1, 2**3), 9007199254740993 / 1, 10 - 3 - 2)
