# try/except/else/finally, custom exceptions, raise from, messages of built-in errors
class AppError(Exception):
    pass
class NotFound(AppError):
    def __init__(self, key):
        super().__init__(f"missing {key}")
        self.key = key
def find(d, k):
    try:
        return d[k]
    except KeyError as e:
        raise NotFound(k) from e
try:
    find({}, "x")
except AppError as e:
    print(type(e).__name__, e, e.key, type(e.__cause__).__name__)
def f():
    try:
        return "try"
    finally:
        print("finally runs")
print(f())
for i in range(3):
    try:
        if i == 1:
            continue
        print("body", i)
    except Exception:
        pass
    else:
        print("else", i)
    finally:
        print("fin", i)
errors = [lambda: 1 / 0, lambda: [][1], lambda: {}["k"], lambda: int("x"), lambda: None.foo,
          lambda: undefined_name, lambda: "a" + 1, lambda: len(5), lambda: [1, 2, 3].index(9),
          lambda: (1, 2) + [3], lambda: next(iter([])), lambda: int("12", 1 + 1) + "s", lambda: 1 % 0]
for fn in errors:
    try:
        fn()
    except Exception as e:
        print(type(e).__name__ + ":", e)
try:
    try:
        raise ValueError("inner")
    except ValueError:
        raise TypeError("outer")
except TypeError as e:
    print(e, "context:", repr(e.__context__))
try:
    assert 1 == 2, "math broke"
except AssertionError as e:
    print("assert:", e)
def gen_cleanup():
    try:
        yield 1
    finally:
        print("gen finally")
for x in gen_cleanup():
    print("got", x)
print(isinstance(KeyError(), LookupError), issubclass(ZeroDivisionError, ArithmeticError))
