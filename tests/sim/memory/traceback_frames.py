# family: memory
# pitfall: keeping an exception keeps its traceback, and the traceback keeps every
# frame it went through with all their local variables (big buffers included).
# Storing the exception on an object that is itself a local of those frames
# makes a reference cycle that only the cyclic GC can free.
import gc
import sys
import traceback


class Loader:
    def __init__(self):
        self.last_error = None

    def parse(self, text):
        buffer = [text] * 10_000          # a big local, kept alive by the traceback
        return int(text)

    def load(self, text):
        try:
            return self.parse(text)
        except ValueError as e:
            self.last_error = e           # e -> traceback -> frame -> self -> e
            return None


def describe(tb):
    out = []
    while tb is not None:
        frame = tb.tb_frame
        out.append((frame.f_code.co_name, tb.tb_lineno, sorted(frame.f_locals)))
        tb = tb.tb_next
    return out


gc.disable()
gc.collect()
loader = Loader()
print("result:", loader.load("12x"))
err = loader.last_error
print("error:", repr(err), type(err.__traceback__).__name__)
for name, line, local_names in describe(err.__traceback__):
    print(" ", name, line, local_names)
kept = err.__traceback__.tb_next.tb_frame.f_locals["buffer"]
print("the parse frame still holds its buffer:", len(kept))
del kept, err
print("frame of load sees the loader:", loader.last_error.__traceback__.tb_frame.f_locals["self"] is loader)
print("walk_tb lines:", [line for _, line in traceback.walk_tb(loader.last_error.__traceback__)])

del loader
print("cycle freed by the collector:", gc.collect() > 0)

for i in range(20):
    Loader().load("bad")
print("20 loaders with errors, collected > 40:", gc.collect() > 40)

try:
    {}["missing"]
except KeyError:
    kind, value, tb = sys.exc_info()
    print("exc_info:", kind.__name__, repr(value), tb.tb_lineno, tb.tb_frame.f_code.co_name)
print("outside a handler:", sys.exc_info())

e = ValueError("no traceback yet")
print("fresh exception:", e.__traceback__)
try:
    raise e
except ValueError:
    pass
print("after raising:", e.__traceback__ is not None, e.with_traceback(None).__traceback__)
gc.enable()
