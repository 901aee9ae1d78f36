# What zlib says when it is used wrongly.
import zlib


def attempt(label, f):
    try:
        r = f()
        print(label, "->", r)
    except zlib.error as e:
        print(label, "zlib.error:", e)
    except (TypeError, ValueError, OverflowError) as e:
        print(label, type(e).__name__ + ":", e)


good = zlib.compress(b"some data " * 20)
attempt("not compressed", lambda: zlib.decompress(b"plain text"))
attempt("truncated", lambda: zlib.decompress(good[:-4]))
attempt("corrupt", lambda: zlib.decompress(good[:10] + b"\x00" * 8 + good[18:]))
attempt("gzip as zlib", lambda: zlib.decompress(zlib.compress(b"x", wbits=31)))
attempt("zlib as raw", lambda: zlib.decompress(good, -15))
attempt("str", lambda: zlib.compress("text"))
attempt("None", lambda: zlib.compress(None))
attempt("level 10", lambda: zlib.compress(b"x", 10))
attempt("level -2", lambda: zlib.compress(b"x", -2))
attempt("level float", lambda: zlib.compress(b"x", 1.5))
attempt("huge level", lambda: zlib.compress(b"x", 2**40))
attempt("wbits 7", lambda: zlib.compress(b"x", wbits=7))
attempt("bad kw", lambda: zlib.compress(b"x", lvl=1))
attempt("twice", lambda: zlib.compress(b"x", 1, level=2))
attempt("no args", lambda: zlib.compress())
attempt("too many", lambda: zlib.compress(b"x", 1, 15, 0))
attempt("bufsize", lambda: zlib.decompress(good, bufsize=-1))
attempt("wbits 99", lambda: zlib.decompress(good, 99))
attempt("crc str", lambda: zlib.crc32("abc"))
attempt("crc kw", lambda: zlib.crc32(b"abc", value=1))
attempt("crc none", lambda: zlib.crc32())
attempt("obj level", lambda: zlib.compressobj(11))
attempt("obj method", lambda: zlib.compressobj(method=3))
attempt("obj zdict", lambda: zlib.compressobj(zdict="words"))
attempt("dobj wbits", lambda: zlib.decompressobj(wbits=3))
attempt("dobj zdict", lambda: zlib.decompressobj(zdict=42))
d = zlib.decompressobj()
attempt("max_length", lambda: d.decompress(good, -1))
attempt("flush 0", lambda: d.flush(0))
attempt("garbage", lambda: d.decompress(b"garbage!"))
c = zlib.compressobj()
c.compress(b"abc")
c.flush()
attempt("after finish", lambda: c.compress(b"more"))
attempt("flush again", lambda: c.flush())
attempt("method args", lambda: zlib.compressobj().compress())
attempt("flush args", lambda: zlib.compressobj().flush(1, 2))
print(zlib.error.__name__, zlib.error.__module__, zlib.error.__mro__[1].__name__)
zlib.decompress(b"not zlib at all")
