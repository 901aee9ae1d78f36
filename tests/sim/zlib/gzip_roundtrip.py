# gzip.compress / gzip.decompress: a gzip member is a header, a raw deflate
# stream and a CRC-32 + length trailer.
import gzip
import struct
import zlib

payload = "".join("event %d happened at step %d\n" % (i, i * 13 % 101) for i in range(2000)).encode()
fixed = gzip.compress(payload, mtime=0)
print(len(payload), len(fixed), fixed[:4].hex(), fixed == zlib.compress(payload, 9, 31))
stamped = gzip.compress(payload, 6, mtime=1700000000)
print(len(stamped), stamped[:10].hex(), struct.unpack("<II", stamped[-8:]) == (zlib.crc32(payload), len(payload)))
print(gzip.decompress(fixed) == payload, gzip.decompress(stamped) == payload)
for level in (1, 5, 9):
    print(level, len(gzip.compress(payload, level, mtime=0)), gzip.compress(payload, level, mtime=123)[8])
two = gzip.compress(b"first ", mtime=0) + gzip.compress(b"second", mtime=0)
print(gzip.decompress(two), gzip.decompress(b""))
print(len(gzip.compress(payload)), gzip.decompress(gzip.compress(b"now")) == b"now")
for bad in [b"plain", fixed[:20], fixed[:-4] + b"\0\0\0\0", fixed[:-1] + b"\1"]:
    try:
        gzip.decompress(bad)
    except (gzip.BadGzipFile, EOFError) as e:
        print(type(e).__name__, e)
print(issubclass(gzip.BadGzipFile, OSError))
