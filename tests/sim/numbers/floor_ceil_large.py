# math.floor / math.ceil are exact at any magnitude; ints pass through.
import math

print(math.ceil(1e20), math.floor(-1e20), math.floor(2.5), math.ceil(-2.5), math.floor(1.5e300) == int(1.5e300), math.ceil(10**30), math.floor(True))
print(int(1e20), int(-2.5e19), round(1e20), math.trunc(1e25))
for bad in (float("inf"), float("-inf"), float("nan")):
    for f in (math.floor, math.ceil):
        try:
            f(bad)
        except (OverflowError, ValueError) as e:
            print(type(e).__name__, e)
