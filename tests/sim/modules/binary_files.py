# binary files on the virtual file system: wb/rb/ab, bytes in and out,
# text written then read as bytes, BytesIO, and the mode errors
PATH = "/tmp/pitfall-sim-test.bin"
NOTES = "/tmp/pitfall-sim-notes.txt"
with open(PATH, "wb") as f:
    n = f.write(b"\x00\x01abc\n")
    print(n, f)
    f.write(b"line2\n")
with open(PATH, "rb") as f:
    print(f.read(3), f.readline(), f.read(), f.tell(), f)
with open(PATH, "ab") as f:
    f.write(b"zz")
with open(PATH, "rb") as f:
    data = f.read()
    print(data, type(data), len(data), list(data[:3]))
with open(NOTES, "w") as f:
    f.write("héllo\n")
with open(NOTES, "rb") as f:
    print(f.read())
with open(PATH, "rb") as f:
    for line in f:
        print(line)
with open(PATH, "r") as f:
    print(repr(f.read()))
import io
b = io.BytesIO(b"abc\ndef")
print(b.readline(), b.read(), b.getvalue())
b.write(b"!"); print(b.getvalue())
for bad in [lambda: open(PATH, "rb", encoding="utf-8"), lambda: open(PATH, "rbt"), lambda: open(PATH, "wb").write("str"), lambda: open(PATH, "rb").write(b"x"), lambda: open("/tmp/pitfall-sim-missing.bin", "rb"), lambda: io.BytesIO("s")]:
    try: bad()
    except Exception as e: print(type(e).__name__, e)
