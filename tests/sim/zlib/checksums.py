# crc32 and adler32, whole and in pieces.
import zlib

data = "".join(str(i) for i in range(10000)).encode()
print(zlib.crc32(data), zlib.adler32(data))
crc = 0
adl = 1
for i in range(0, len(data), 1000):
    crc = zlib.crc32(data[i:i + 1000], crc)
    adl = zlib.adler32(data[i:i + 1000], adl)
print(crc, adl, crc == zlib.crc32(data))
print(zlib.crc32(b""), zlib.adler32(b""), zlib.crc32(b"", 12345), zlib.adler32(b"", 7))
print(zlib.crc32(b"hello world"), hex(zlib.crc32(b"hello world")), "%08x" % zlib.adler32(b"hello world"))
print(zlib.crc32(b"abc", -1), zlib.crc32(b"abc", 2**40 + 5), zlib.adler32(bytearray(b"abc")))
print(zlib.crc32(data * 3) & 0xffffffff, zlib.adler32(data * 3))
seen = {}
for word in [b"apple", b"banana", b"cherry", b"apple"]:
    seen.setdefault(zlib.crc32(word) % 16, []).append(word)
print(sorted(seen.items()))

import binascii
print(binascii.crc32(data) == zlib.crc32(data), binascii.crc32(b"abc", 5), binascii.crc32(b"hello", zlib.crc32(b"abc")))
print(binascii.hexlify(b"\x00\x10\xff"), binascii.b2a_hex(b"abcdef", "-"), binascii.hexlify(b"abcdef", b":", 2), binascii.hexlify(b"abcde", " ", -2))
print(binascii.unhexlify("0aff10"), binascii.a2b_hex(b"DEADbeef"), binascii.unhexlify(binascii.hexlify(data[:20])))
for bad in ["abc", "zz", b"0g"]:
    try:
        binascii.unhexlify(bad)
    except binascii.Error as e:
        print("binascii.Error:", e, isinstance(e, ValueError))
try:
    binascii.crc32("text")
except TypeError as e:
    print("TypeError:", e)
