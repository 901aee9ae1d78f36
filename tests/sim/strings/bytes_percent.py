# printf-style formatting of bytes and bytearray (PEP 461), and the latin-1
# and ascii codecs with their error messages.
cases = [
    lambda: b"%d items, %s, %5.2f, %x, %-4d|" % (3, b"ok", 3.14159, 255, 7),
    lambda: b"%s and %b" % (bytearray(b"ba"), b"b"),
    lambda: b"%r %a" % ("\xe9", "x"),
    lambda: b"%c%c%c" % (72, b"i", 33),
    lambda: b"%(name)s=%(value)d" % {b"name": b"n", b"value": 42},
    lambda: b"100%% of %i" % 3.7,
    lambda: b"%05d|%+d|% d" % (-3, 4, 5),
    lambda: bytearray(b"[%s]") % b"x",
    lambda: b"%s" % "text",
    lambda: b"%s" % 1,
    lambda: b"%b" % [1],
    lambda: b"%c" % 300,
    lambda: b"%c" % b"ab",
    lambda: b"%c" % "a",
    lambda: b"%s" % (b"a", b"b"),
    lambda: b"%s %s" % (b"a",),
    lambda: b"%y" % 1,
    lambda: b"%d" % "x",
    lambda: b"%(k)s" % {"k": b"v"},
    lambda: "%s" % b"x",
]
for i, c in enumerate(cases):
    try:
        print(i, repr(c()))
    except (TypeError, ValueError, OverflowError, KeyError) as e:
        print(i, type(e).__name__ + ":", e)


class Tag:
    def __bytes__(self):
        return b"<tag>"


print(b"%s" % Tag(), b"%s" % bytes(3))

codec_cases = [
    lambda: "caf\xe9".encode("latin-1"),
    lambda: b"caf\xe9".decode("latin-1"),
    lambda: "\xff\x00A".encode("latin1"),
    lambda: b"\x80\xff".decode("iso-8859-1"),
    lambda: "snow \u2603".encode("latin-1"),
    lambda: "caf\xe9".encode("ascii"),
    lambda: b"caf\xe9".decode("ascii"),
    lambda: "\u2603\u2603 ok".encode("ascii"),
    lambda: "caf\xe9".encode("ascii", "ignore"),
    lambda: "caf\xe9".encode("ascii", "replace"),
    lambda: b"caf\xe9".decode("ascii", "replace"),
    lambda: "snow \u2603".encode("latin-1", "replace"),
    lambda: "caf\xe9".encode("ascii", "xmlcharrefreplace"),
    lambda: "caf\xe9".encode("ascii", "backslashreplace"),
]
for i, c in enumerate(codec_cases):
    try:
        print(i, repr(c()))
    except (UnicodeError, LookupError) as e:
        print(i, type(e).__name__ + ":", e)

try:
    "x\u2603\u2603y".encode("ascii")
except UnicodeEncodeError as e:
    print(e.encoding, e.start, e.end, e.reason, isinstance(e, UnicodeError), isinstance(e, ValueError))
try:
    b"ab\xff".decode("ascii")
except ValueError as e:
    print(type(e).__name__, e.start, e.end, e.object)
try:
    "x".encode("no-such-codec")
except LookupError as e:
    print("LookupError:", e)
print("Ab".encode("US_ASCII"), b"\xe9t\xe9".decode("ISO8859_1"), "caf\xe9".encode(), "x".encode(encoding="latin-1", errors="strict"))
