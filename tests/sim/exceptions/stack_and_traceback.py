# family: exceptions
# pitfall: logging "where am I" with traceback.print_stack is handy while
# debugging; sys._getframe and saved tracebacks give the same information as
# data (and keep the frames, with their locals, alive while you hold them).
import sys
import traceback


def handler(event):
    traceback.print_stack(file=sys.stdout, limit=2)
    return [line.strip() for line in traceback.format_stack(limit=1)]


def dispatch(events):
    return [handler(e) for e in events]


print(dispatch(["click"]))


def parse(value):
    return int(value)


def load(values):
    out = []
    for v in values:
        try:
            out.append(parse(v))
        except ValueError:
            _, err, tb = sys.exc_info()
            for fs in traceback.extract_tb(tb):
                print("  at", fs.name, fs.lineno, repr(fs.line))
    return out


print(load(["1", "x", "3"]))
frame = sys._getframe()
print("current frame:", frame.f_code.co_name, frame.f_lineno, frame.f_back)
