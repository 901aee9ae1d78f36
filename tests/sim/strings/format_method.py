# str.format / str.format_map: automatic and manual indexes, keywords,
# attributes and items, conversions, nested specs, and CPython's errors.
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y


p = Point(3, 4)
print("{} + {} = {}".format(1, 2, 3), "{1} {0} {1}".format("a", "b"), "{name}: {0:.2f}".format(3.14159, name="pi"))
print("({0.x}, {0.y}) {1[1]} {2[k]} {p.x!r:>4}".format(p, [7, 8], {"k": "v"}, p=p))
print("{:>{w}}|{:.{prec}f}".format("r", 2.71828, w=6, prec=2), "{0:{1}}|{0:{2}}".format(42, ">5", "<5"))
print("{!r} {!s} {!a} {{literal}} }}{{".format("x", "y", "é"), "{:,}".format(1234567), "{:%}".format(0.25))
print("{name} is {age}".format_map({"name": "Ada", "age": 36}))


class Default(dict):
    def __missing__(self, key):
        return "<" + key + ">"


print("{name} likes {food}".format_map(Default(name="Bob")))
for fmt, args, kwargs in [("{", (), {}), ("}", (), {}), ("{0} {}", (1, 2), {}), ("{} {0}", (1, 2), {}), ("{2}", (1,), {}),
                          ("{x}", (), {}), ("{!z}", (1,), {}), ("{0!r x}", (1,), {}), ("a } b", (), {}), ("{:{:{}}}", (1, 2, 3), {})]:
    try:
        print(repr(fmt.format(*args, **kwargs)))
    except (ValueError, IndexError, KeyError) as e:
        print(type(e).__name__, e)
try:
    "{0}".format_map({})
except ValueError as e:
    print("ValueError", e)
