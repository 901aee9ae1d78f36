# hashlib: every modelled digest on empty, short, block-boundary and long
# inputs, streaming updates, copy, new(name), attributes and the errors
import hashlib

samples = [b"", b"abc", b"a" * 55, b"a" * 56, b"a" * 63, b"a" * 64, b"a" * 111, b"a" * 112, b"a" * 128,
           bytes(range(256)) * 5]
for name in ["md5", "sha1", "sha224", "sha256", "sha384", "sha512"]:
    ctor = getattr(hashlib, name)
    for s in samples:
        print(name, len(s), ctor(s).hexdigest())
    h = ctor()
    print(h.name, h.digest_size, h.block_size, len(h.digest()))
    long = bytes(range(256)) * 5
    for i in range(0, len(long), 97):
        h.update(long[i:i + 97])
    print("stream", h.hexdigest() == ctor(bytes(range(256)) * 5).hexdigest())
    c = h.copy()
    c.update(b"more")
    print("copy", h.hexdigest() != c.hexdigest(), c.hexdigest() == ctor(bytes(range(256)) * 5 + b"more").hexdigest())
    print("new", hashlib.new(name, b"abc").hexdigest() == ctor(b"abc").hexdigest(), hashlib.new(name.upper()).name)

print(hashlib.sha256(b"x", usedforsecurity=False).hexdigest())
print(hashlib.md5(bytearray(b"abc")).hexdigest())
print(hashlib.sha256(string=b"abc").hexdigest())
print(hashlib.sha1(b"abc").digest())
h = hashlib.sha256()
h.update(b"a")
print(h.hexdigest())
h.update(b"b")
print(h.hexdigest())
print(type(h).__name__, sorted(n for n in hashlib.algorithms_guaranteed if n in ("md5", "sha1", "sha256")))
# a password-hashing loop as learner programs write it
digest = b"seed"
for _ in range(1000):
    digest = hashlib.sha256(digest).digest()
print(digest.hex())
for bad in [lambda: hashlib.sha256("text"), lambda: hashlib.md5(12), lambda: hashlib.new("nosuch"),
            lambda: hashlib.sha256().update("x")]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
