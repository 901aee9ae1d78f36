# traceback.format_tb and friends mark the failing expression as CPython 3.11 does.
import sys
import traceback


def ratio(a, b):
    return a / b


def average(rows, key):
    return sum(r[key] for r in rows) / ratio(len(rows), 0)


def lookup(config):
    return config["db"]["host"]["name"]


def call_chain(items):
    total = 0
    for i in items:
        total += ratio(10, i) + items[i]
    return total


for f, arg in [(average, [{"x": 1}]), (lookup, {"db": {"host": None}}), (call_chain, [1, 2, 0])]:
    try:
        f(arg) if f is not average else f(arg, "x")
    except Exception as e:
        print("".join(traceback.format_tb(e.__traceback__)))
        for fs in traceback.extract_tb(e.__traceback__):
            print(fs.name, fs.lineno, fs.line)
        print("".join(traceback.format_list(traceback.extract_tb(e.__traceback__))))
        traceback.print_tb(e.__traceback__, file=sys.stdout)
        print("".join(traceback.format_exception(e)))

try:
    values = [1, 2, 3]
    values[10]
except IndexError as e:
    print(traceback.format_tb(e.__traceback__))
    print(traceback.format_tb(e.__traceback__, limit=0))


def countdown(n):
    if n == 0:
        raise ValueError("bottom")
    return countdown(n - 1)


try:
    countdown(30)
except ValueError as e:
    print("".join(traceback.format_tb(e.__traceback__)))
    lines = traceback.format_exception(e)
    print(len(lines), lines[0], lines[-1], end="")
    print(lines[-2])


def load(path):
    try:
        return {"a": 1}[path]
    except KeyError as e:
        raise RuntimeError("cannot load " + path) from e


def parse(text):
    try:
        return int(text)
    except ValueError:
        return load(text)


try:
    parse("zz")
except RuntimeError as e:
    parts = traceback.format_exception(e)
    print(len(parts))
    print("".join(parts))
    print(traceback.format_exception(type(e), e, e.__traceback__, chain=False))

try:
    try:
        {}["k"]
    except KeyError:
        raise LookupError("hidden context") from None
except LookupError as e:
    print(traceback.format_exception(e))
