# round() with negative ndigits: floats round half to even on their exact
# binary value; ints beyond 64 bits and large magnitudes.
print(round(1234.5, -2), round(1250.0, -2), round(1350.0, -2), round(-1250.0, -2), round(-4.0, -1), round(0.5, -1))
print(round(15.0, -1), round(25.0, -1), round(1e20 + 5e4, -5), round(123456.789, -3), round(1.5e300, -300), round(7.0, -400))
print(round(float("inf"), -2), round(float("-inf"), -1), round(float("nan"), -1))
print(round(1234, -2), round(1250, -2), round(-1250, -2), round(9_000_000_000_000_000_000, -19), round(2**63 - 1, -18), round(-(2**63), -18))
print(round(5, -19), round(10**30 + 5 * 10**9, -10), round(123, -1), round(125, -1), round(135, -1))
