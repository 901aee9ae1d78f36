# Arbitrary-precision integers: arithmetic, conversions, formatting, hashing.
a = 2 ** 100
print(a, -a, a + 1, a - 1, a * a)
print(2 ** 64, 2 ** 63, -(2 ** 63), 2 ** 63 - 1)
x = 9223372036854775807
print(x + 1, x * 2, -x - 2, abs(-x - 2))
print(a // 7, a % 7, -a // 7, -a % 7, divmod(a, 12345))
print(a / 3, a / a, 10 ** 30 / 10 ** 10)
print(a >> 10, a << 3, 1 << 70, -(1 << 70) >> 3)
print(a & (2 ** 70 - 1), a | 1, a ^ (a - 1), ~a)
print(pow(3, 200), pow(3, 200, 1000007), pow(2, -2), pow(-7, 3, 10))
print(a == 2 ** 100, a < 2 ** 101, a > 1.0, a == float(a), 2 ** 53 + 1 == float(2 ** 53 + 1))
print(hash(a), hash(2 ** 61 - 1), hash(2 ** 61), hash(-(2 ** 80)))
print(float(a), int(1e20), int(-1.5e19), int("123456789012345678901234567890"))
print(int("-ffffffffffffffffffff", 16), int("0b" + "1" * 70, 0))
print(hex(a), oct(a), bin(2 ** 65), hex(-255))
print(f"{a:,}", f"{a:x}", f"{a:>40}", f"{2**70:_}", format(a, "e"))
print(str(10 ** 50), repr(-10 ** 40), len(str(3 ** 1000)))
print((2 ** 100).bit_length(), (2 ** 100 - 1).bit_count(), (255).to_bytes(2, "big"))
print(int.from_bytes(b"\x01\x00\x00\x00\x00\x00\x00\x00\x00", "big"))
print(sum([2 ** 62, 2 ** 62, 2 ** 62]), sum(range(10 ** 6)))
print(max(2 ** 80, 3 ** 50), min(-(2 ** 80), 5), sorted([2 ** 70, 1, -(2 ** 70)]))
print(round(12345678901234567890123, -5), round(2 ** 70 + 0.0))
f = 1
for i in range(1, 30):
    f *= i
print(f)
import math
print(math.factorial(40), math.isqrt(10 ** 40 + 12345), math.gcd(2 ** 80, 6 ** 40), math.comb(60, 30), math.perm(30, 10))
print({2 ** 70: "big"}[2 ** 70], 2 ** 70 in {2 ** 70}, [1, 2][2 ** 0])
print(2 ** 100 is 2 ** 100, type(2 ** 100).__name__, isinstance(2 ** 100, int))
try:
    [1, 2, 3][2 ** 70]
except IndexError as e:
    print("IndexError:", e)
try:
    float(10 ** 400)
except OverflowError as e:
    print("OverflowError:", e)
try:
    10 ** 400 / 1
except OverflowError as e:
    print("OverflowError:", e)
try:
    str(10 ** 5000)
except ValueError as e:
    print("ValueError:", e)
print(0.5 < 2 ** 80, -(2 ** 80) < -1e30, 2 ** 1000 > 1e308)
