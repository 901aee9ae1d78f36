# bytes: indexing, slicing, concatenation, repetition and the common methods
b = b"hello world"
print(b[0], b[1:4], b[::-2], b + b"!", b"wor" in b, 111 in b, len(b), b[-1], list(b[:3]))
print(b * 2, 3 * b"ab", b"x" * 0, b"" * 5, b == b"hello world", b < b"help")
print(b.upper(), b.lower(), b"  pad\t\n".strip(), b"xxhixx".strip(b"x"), b"  l".lstrip(), b"r  ".rstrip())
print(b.split(), b"a,b,,c".split(b","), b"-".join([b"a", b"b", b"c"]), b.replace(b"l", b"L"))
print(b.find(b"o"), b.find(b"z"), b.find(111), b.count(b"l"), b.count(b""), b.startswith(b"he"), b.endswith((b"x", b"ld")))
print(b.hex(), b"\x00\xff".hex(), b.decode(), "héllo".encode().decode("utf-8"), bytes([72, 105]).decode("ascii"))
print(repr(b"\x00'\""), bytes(range(5)), bytes(3), sorted([b"b", b"a", b"ab"]), {b"k": 1}[b"k"])
data = b""
for i in range(5):
    data += bytes([65 + i]) * 2
print(data, len(data))
try:
    b"a" + "b"
except TypeError as e:
    print("TypeError:", e)
try:
    b[20]
except IndexError as e:
    print("IndexError:", e)
