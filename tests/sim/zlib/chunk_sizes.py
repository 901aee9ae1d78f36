# Compressed sizes and bounded decompression depend on how data is fed and
# taken: the same bytes as CPython for stored blocks, chunked input and
# max_length reads.
import zlib

base = "".join("%d:%d;" % (i, i * i % 977) for i in range(12000)).encode()
noise = bytes((i * 2654435761 >> 13) & 255 for i in range(50000))
for data in (base, noise, base[:30000] + noise[:30000]):
    for level in (0, 1, 6, 9):
        c = zlib.compress(data, level)
        co = zlib.compressobj(level)
        parts = [co.compress(data[i:i + 20000]) for i in range(0, len(data), 20000)] + [co.flush()]
        print(level, len(c), zlib.crc32(c), [len(p) for p in parts])
    c = zlib.compress(data)
    for ml in (100, 5000, 40000):
        d = zlib.decompressobj()
        first = d.decompress(c, ml)
        chunks = [first]
        while d.unconsumed_tail:
            chunks.append(d.decompress(d.unconsumed_tail, ml))
        print(ml, len(first), len(chunks), b"".join(chunks) == data, d.eof)
    d = zlib.decompressobj()
    x = d.decompress(c[:1000], 10)
    print(len(x), len(d.unconsumed_tail), len(d.flush(7)), d.eof)
