# bytes.decode('utf-8') validates its input with CPython's error reasons and
# ranges; ascii() and the !a conversion escape non-ASCII characters.
samples = [b"\xff\xfe", b"ok\x80", b"caf\xc3", b"\xe2\x82", b"\xe2\x28\xa1", b"\xed\xa0\x80",
           b"\xf0\x80\x80\x80", b"\xf4\x90\x80\x80", b"\xc0\xaf", b"a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"]
for raw in samples:
    try:
        print(repr(raw.decode("utf-8")))
    except UnicodeDecodeError as e:
        print(e.start, e.end, e.reason, "|", e)
    for errors in ("replace", "ignore", "backslashreplace"):
        print(" ", errors, ascii(raw.decode("utf-8", errors)))
print(ascii("é"), ascii("snow \u2603"), ascii(["😀", "x"]), ascii({"k": "ü"}), ascii(1.5))
word = "naïve"
print(f"{word!a} {word!r} {word!s} {'€'!a:>12}|")
