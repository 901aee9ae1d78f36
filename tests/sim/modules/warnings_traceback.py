# warnings.warn's text on stderr (once per location by default), filters,
# catch_warnings(record=True), and traceback.format_exc/print_exc
import sys
import traceback
import warnings


def old_api(x):
    warnings.warn("old_api is deprecated", DeprecationWarning, stacklevel=2)
    return x


def risky(i):
    warnings.warn("value %d looks odd" % (i % 2))
    return i


for i in range(4):
    risky(i)
old_api(1)
warnings.warn("plain")
warnings.warn(RuntimeWarning("given as an instance"))
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    risky(0)
    risky(0)
    warnings.warn("recorded", UserWarning)
print(len(caught), [str(w.message) for w in caught], caught[0].category.__name__, caught[-1].lineno)
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    warnings.warn("not shown")
warnings.filterwarnings("ignore", message="skip")
warnings.warn("skip me")
warnings.warn("shown after filter")
warnings.simplefilter("error", UserWarning)
try:
    warnings.warn("now an error")
except UserWarning as e:
    print("caught", type(e).__name__, e)
warnings.resetwarnings()
warnings.simplefilter("once")
for _ in range(3):
    warnings.warn("once only")
try:
    warnings.warn("bad", "notacategory")
except TypeError as e:
    print("TypeError", e)


def fail(n):
    return 10 // n


try:
    fail(0)
except ZeroDivisionError:
    text = traceback.format_exc()
    print(text.splitlines()[0], text.splitlines()[-1], len(text.splitlines()))
    traceback.print_exc()
try:
    {}["k"]
except KeyError:
    traceback.print_exc(file=sys.stdout)
print(repr(traceback.format_exc()))
# an uncaught warning turned into an error ends the program (and makes its stderr part of the test)
warnings.simplefilter("error")
old_api(2)
