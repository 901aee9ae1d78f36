# integer and float arithmetic, division and rounding rules
print(7 // 2, -7 // 2, 7 % 3, -7 % 3, 7 % -3, 2 ** 10, 2 ** -1)
print(1 / 3, 2 / 3, 10 / 4, 1e16, 1e-5, 123456789.123, 0.1 + 0.2, 1e300 * 10)
print(-0.0, 3.0, float("inf"), -1.5e-7, 1.0e22, 12345678901234567.0)
print(divmod(17, 5), divmod(-17, 5), divmod(7.5, 2))
print(round(2.5), round(3.5), round(2.675, 2), round(1234, -2), round(-0.5))
print(abs(-3), abs(-2.5), pow(3, 4), pow(3, 4, 5), max(3, 9, 2), min([4, 1, 8]))
print(int("42"), int("-0x1f", 16), int(3.9), int(-3.9), float("1.5"), float(2))
print(5 & 3, 5 | 3, 5 ^ 3, ~5, 1 << 40, -16 >> 2)
print(True + True, 3 * True, 10 == 10.0, 1 < 2 < 3, 3 > 2 > 2)
print(hash(1), hash(-1), hash(2 ** 61 - 1), hash(1.0), hash(0))
x = 10
x += 5; x -= 3; x *= 2; x //= 5; x **= 3
print(x, sum([0.1] * 10), sum(range(101)))
print(7.0 // 2, 7.5 % 2, -7.5 % 2, 2 ** 0.5)
print(f"{255:x} {255:#o} {1234567:,} {0.5:.0%} {3.14159:10.3f}| {42:05d} {-3:+d}")
print(format(1e21, "g"), format(0.000123, "e"), "%5.1f|%-4d|%x" % (2.25, 7, 255))
