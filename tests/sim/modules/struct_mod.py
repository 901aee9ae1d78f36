# struct: byte orders, alignment, every code, Struct objects, iter_unpack and the errors
import struct

for fmt in ["i", "@i", "=i", "<i", ">i", "!i", "bi", "@bi", "=bi", "<hq", "@hq", "bxh", "3s", "10p", "?", "e", "f", "d",
            "n", "N", "P", "l", "@l", "<l", "cbB", "0i", "b0i", "ihq", "@ihqd", "2h3b", " i  h "]:
    print(repr(fmt), struct.calcsize(fmt))
print(struct.pack("<i", 1), struct.pack(">i", 1), struct.pack("@bi", 1, 2), struct.pack("=bi", 1, 2))
print(struct.pack("<hHiIqQ", -1, 65535, -2, 2 ** 32 - 1, -3, 2 ** 64 - 1))
print(struct.unpack("<hHiIqQ", struct.pack("<hHiIqQ", -1, 65535, -2, 2 ** 32 - 1, -3, 2 ** 64 - 1)))
print(struct.pack(">d", 1.5), struct.pack("<f", 0.1), struct.unpack("<f", struct.pack("<f", 0.1)))
print(struct.pack("<e", 1.5), struct.unpack("<e", struct.pack("<e", 0.1)), struct.pack(">e", -2.0), struct.pack("<e", 65504.0))
print(struct.pack("5s", b"abc"), struct.pack("2s", b"abcdef"), struct.pack("5p", b"abc"), struct.unpack("5p", b"\x03abc\x00"))
print(struct.pack("?c", 3, b"z"), struct.unpack("?c", b"\x00z"), struct.pack("3x"), struct.pack("<q", True))
s = struct.Struct("<2hd")
print(type(s).__name__, s.size, s.format, s.pack(1, 2, 3.5), s.unpack(s.pack(1, 2, 3.5)))
print(s.unpack_from(b"\x00" * 4 + s.pack(5, 6, 7.0), 4), struct.unpack_from("<h", b"\x01\x00\x02\x00", offset=2))
print(list(struct.iter_unpack("<h", b"\x01\x00\x02\x00\x03\x00")), list(s.iter_unpack(s.pack(1, 2, 3.0) * 2)))
print(struct.unpack("<I", bytearray(b"\x01\x00\x00\x00")), struct.Struct(b"<i").format)
for fmt, args in [("b", [128]), ("b", [-129]), ("B", [256]), ("B", [-1]), ("h", [40000]), ("<h", [40000]),
                  ("H", [-1]), ("<H", [70000]), ("i", [2 ** 31]), ("<i", [2 ** 31]), ("I", [-1]), ("<I", [2 ** 32]),
                  ("q", [2 ** 63]), ("<q", [2 ** 63]), ("Q", [-1]), ("<Q", [2 ** 64]), ("l", [2 ** 63]),
                  ("i", [1.5]), ("d", ["x"]), ("s", ["x"]), ("c", [b"ab"]), ("ii", [1]), ("i", [1, 2]), ("z", [1]),
                  ("<e", [1e6]), ("<f", [1e300])]:
    try:
        struct.pack(fmt, *args)
    except (struct.error, OverflowError, TypeError) as e:
        print(fmt, args, type(e).__name__, e)
for bad in [lambda: struct.unpack("<i", b"\x00"), lambda: struct.unpack_from("<i", b"\x00\x00", 1),
            lambda: list(struct.iter_unpack("<i", b"\x00" * 5)), lambda: struct.iter_unpack("", b""),
            lambda: struct.calcsize("3"), lambda: struct.unpack("<i", "abcd")]:
    try:
        bad()
    except (struct.error, TypeError) as e:
        print(type(e).__name__, e)
print(struct.error, issubclass(struct.error, Exception))
