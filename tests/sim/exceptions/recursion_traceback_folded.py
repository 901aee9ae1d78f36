# A recursive function that fails deep down: CPython prints the repeated
# caller line three times and folds the rest into one "[Previous line
# repeated N more times]" line, both in a caught exception's
# traceback.format_exc() and in the uncaught exception's traceback.
import traceback


def countdown(n):
    if n == 0:
        raise ValueError("reached the bottom")
    return countdown(n - 1)


def once_more(n):
    if n == 0:
        return {}["missing"]
    return once_more(n - 1)


try:
    countdown(4)
except ValueError:
    print(traceback.format_exc().count("countdown(n - 1)"), "caller lines printed for 4 levels")

try:
    once_more(25)
except KeyError as e:
    print("caught", repr(e))

countdown(30)
