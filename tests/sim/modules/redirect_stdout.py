# print() writes to the sys.stdout of the moment: a replaced sys.stdout and
# contextlib.redirect_stdout / redirect_stderr capture it.
import io
import sys
from contextlib import redirect_stderr, redirect_stdout

buf = io.StringIO()
old = sys.stdout
sys.stdout = buf
print("hidden", 1, sep="-")
sys.stdout = old
print(repr(buf.getvalue()))
with redirect_stdout(io.StringIO()) as out:
    print("captured")
    print("twice", end="!")
print(repr(out.getvalue()))
with redirect_stderr(io.StringIO()) as err:
    print("to stderr", file=sys.stderr)
print(repr(err.getvalue()), sys.stdout is old)
