# zlib, gzip and raw deflate streams are chosen by wbits.
import zlib

data = b"The same sentence, over and over. " * 200
z = zlib.compress(data)
gz = zlib.compress(data, wbits=31)
raw = zlib.compress(data, 6, -15)
print(len(z), len(gz), len(raw))
print(z[:2].hex(), gz[:3].hex(), raw[:4].hex())
print(zlib.decompress(gz, 31) == data, zlib.decompress(raw, -15) == data)
print(zlib.decompress(gz, 47) == data, zlib.decompress(z, 47) == data)
print(zlib.decompress(z, zlib.MAX_WBITS | 32) == data)
small = zlib.compress(data, 9, 9)
print(len(small), zlib.decompress(small, 9) == data)
co = zlib.compressobj(wbits=-9, memLevel=9, strategy=zlib.Z_RLE)
print(len(co.compress(data) + co.flush()))
co = zlib.compressobj(level=1, strategy=zlib.Z_HUFFMAN_ONLY)
print(len(co.compress(data) + co.flush()))
