# Compressing and decompressing a stream in pieces.
import zlib

rows = ["%d,%s,%d\n" % (i, "name%d" % (i % 97), i * i % 1000) for i in range(5000)]
data = "".join(rows).encode()

co = zlib.compressobj(level=6)
pieces = []
for i in range(0, len(rows), 500):
    pieces.append(co.compress("".join(rows[i:i + 500]).encode()))
pieces.append(co.flush())
print([len(p) for p in pieces])
stream = b"".join(pieces)
print(len(data), len(stream), stream == zlib.compress(data))

do = zlib.decompressobj()
out = []
for i in range(0, len(stream), 4096):
    out.append(do.decompress(stream[i:i + 4096]))
out.append(do.flush())
print([len(p) for p in out], b"".join(out) == data, do.eof)

# bounded output: the rest waits in unconsumed_tail
do = zlib.decompressobj()
first = do.decompress(stream, 1000)
print(len(first), len(do.unconsumed_tail), do.eof)
total = len(first)
while do.unconsumed_tail:
    total += len(do.decompress(do.unconsumed_tail, 20000))
print(total, do.eof, do.unused_data)

# data after the end of the stream
do = zlib.decompressobj()
print(len(do.decompress(zlib.compress(b"payload") + b"EXTRA")), do.unused_data, do.eof)
print(do.decompress(b"more"), do.unused_data)

# flush modes
co = zlib.compressobj()
a = co.compress(b"first part ")
b = co.flush(zlib.Z_SYNC_FLUSH)
c = co.compress(b"second part")
d = co.flush(zlib.Z_FULL_FLUSH)
e = co.flush()
print(a, b, c, d, e)
print(zlib.decompress(a + b + c + d + e))
print(co.flush(zlib.Z_NO_FLUSH))

# copies share the history up to the copy
co = zlib.compressobj()
head = co.compress(b"common prefix, ")
other = co.copy()
x = head + co.compress(b"branch one") + co.flush()
y = head + other.compress(b"branch two") + other.flush()
print(zlib.decompress(x), zlib.decompress(y))

# a preset dictionary
zd = b"quick brown fox lazy dog"
co = zlib.compressobj(zdict=zd)
packed = co.compress(b"the quick brown fox jumps over the lazy dog") + co.flush()
print(len(packed), zlib.decompressobj(zdict=zd).decompress(packed))
print(type(co).__name__, type(do).__name__, repr(co).startswith("<zlib.Compress object at 0x"))
