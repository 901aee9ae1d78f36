# statistics, math's float functions, float methods and sys.version_info, as a
# learner's data-summary script would use them
import math
import statistics as st
import sys

scores = [72, 85, 90, 66, 85, 78, 95, 85, 70]
print("mean", st.mean(scores), "median", st.median(scores), "mode", st.mode(scores))
print("stdev", st.stdev(scores), "pstdev", st.pstdev(scores))
print("variance", st.variance(scores), "pvariance", st.pvariance(scores))
print("quartiles", st.quantiles(scores), st.quantiles(scores, n=10, method="inclusive"))
print(st.median_low([1, 3, 5, 7]), st.median_high([1, 3, 5, 7]), st.median([1, 3, 5, 7]))
print(st.mean([0.1, 0.2, 0.3]), st.mean([1, 2, 3]), st.mean([1, 2.5]), st.fmean([1, 2, 4]))
print(st.multimode("aabbbcccd"), st.harmonic_mean([40, 60]), st.geometric_mean([54, 24, 36]))
print(st.median_grouped([52, 52, 53, 54]), st.covariance([1, 2, 3], [1, 3, 2]))
print(st.correlation([1, 2, 3, 4], [2, 4, 5, 9]), st.linear_regression([1, 2, 3], [2, 4, 6.5]))
temps = [21.5, 23.25, 19.75, 22.0, 24.5]
print(st.mean(temps), st.stdev(temps), st.variance(temps, st.mean(temps)))
for bad in ([], [1]):
    try:
        st.stdev(bad)
    except st.StatisticsError as e:
        print(type(e).__name__, e, isinstance(e, ValueError))
try:
    st.mean([])
except ValueError as e:
    print(repr(e))

print(math.hypot(3, 4), math.hypot(1, 2, 3), math.dist((0, 0), (3, 4)), math.dist([1, 2, 3], [4, 6, 8]))
print(math.fsum([0.1] * 10), sum([0.1] * 10), math.fsum([1e100, 1.0, -1e100]))
print(math.prod([1, 2, 3, 4]), math.isqrt(17), math.comb(5, 2), math.perm(5, 2))
print(math.trunc(-3.7), math.degrees(math.pi), math.radians(180), math.atan2(1, 1))
print(math.copysign(2, -0.0), math.isnan(float("nan")), math.isinf(1e309), math.isfinite(1.0))
print(math.modf(3.5), math.frexp(8.0), math.ldexp(0.5, 4), math.fmod(7, 3), math.pow(2, 10))
print(math.asin(1), math.acos(0), math.sinh(1), math.tanh(0.5), math.log1p(1e-10), math.expm1(1e-10))
for f, args in ((math.sqrt, (-1,)), (math.exp, (1000,)), (math.acos, (2,)), (math.pow, (0, -1)), (math.log, (0,))):
    try:
        f(*args)
    except (ValueError, OverflowError) as e:
        print(f.__name__, type(e).__name__, e)

print((0.75).as_integer_ratio(), (0.1).as_integer_ratio(), (-2.5).as_integer_ratio(), (8.0).as_integer_ratio())
print((1e300).as_integer_ratio()[1], (2.0).is_integer(), (2.5).is_integer())
print((1.5).hex(), (0.1).hex(), (-2.0).hex(), (0.0).hex(), (5e-324).hex(), (1e308).hex())
print(float.fromhex("0x1.8p+0"), float.fromhex("0x1.999999999999ap-4"), float.fromhex("-0X1P-3"), float.fromhex(" 0xap0 "))
for bad in ("zz", "0x", "0x1p"):
    try:
        float.fromhex(bad)
    except ValueError as e:
        print(repr(bad), e)
try:
    float("inf").as_integer_ratio()
except OverflowError as e:
    print(e)
print(7 / 3, 2**60 / 3, 21617278211378381 / 108086391056891904, -(2**55 + 1) / 7)

print(sys.version_info[:2], sys.version_info.major, sys.version_info.minor, type(sys.version_info).__name__)
print(sys.version_info >= (3, 8), sys.version_info < (3, 12), sys.version_info[0] == 3, len(sys.version_info))
major, minor, *_ = sys.version_info
print(f"Python {major}.{minor}", sys.version_info.releaselevel, sys.float_info.max, sys.float_info.epsilon, sys.float_info.dig)
try:
    sys.exit("bye")
except SystemExit as e:
    print("exit:", e.code)
