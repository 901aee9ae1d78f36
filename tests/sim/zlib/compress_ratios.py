# How well does zlib compress different kinds of data, and at which level?
import zlib

log = "".join("2024-01-%02d INFO request %d served in %d ms\n" % (i % 28 + 1, i, i * 37 % 500) for i in range(3000)).encode()
numbers = ",".join(str(i * 7919 % 100003) for i in range(20000)).encode()
same = b"A" * 50000
words = ("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor " * 400).encode()

for name, data in [("log", log), ("numbers", numbers), ("same", same), ("words", words)]:
    packed = zlib.compress(data)
    print(f"{name:8} {len(data):7} -> {len(packed):6} bytes  ratio {len(packed) / len(data):.3f}")
    assert zlib.decompress(packed) == data

print()
for level in [zlib.Z_NO_COMPRESSION, zlib.Z_BEST_SPEED, 3, 5, zlib.Z_DEFAULT_COMPRESSION, 7, zlib.Z_BEST_COMPRESSION]:
    print("level", level, len(zlib.compress(log, level)), len(zlib.compress(numbers, level=level)))

print(zlib.compress(b"hello world"))
print(zlib.compress(b"hello world", 9))
print(zlib.compress(b""))
print(zlib.compress(bytearray(b"abcabcabc")))
print(zlib.decompress(zlib.compress(b"round trip")).decode())
print(zlib.decompress(zlib.compress(log), bufsize=10) == log)
print(zlib.MAX_WBITS, zlib.DEFLATED, zlib.DEF_MEM_LEVEL, zlib.DEF_BUF_SIZE, zlib.ZLIB_VERSION)
print(zlib.Z_FINISH, zlib.Z_SYNC_FLUSH, zlib.Z_FULL_FLUSH, zlib.Z_NO_FLUSH, zlib.Z_FILTERED, zlib.Z_HUFFMAN_ONLY, zlib.Z_RLE, zlib.Z_FIXED)
