import random
random.seed("abc"); print(random.random(), random.randint(1, 100))
random.seed(b"abc"); print(random.random())
random.seed("hello world" * 10); print(random.random())
random.seed(""); print(random.random())
random.seed("é"); print(random.random())
random.seed(3.5); print(random.random())
random.seed(-7); print(random.random())
random.seed(None); print(type(random.random()).__name__)
r = random.Random("seed"); print(r.random(), r.choice("abcdef"))
random.seed((1,2)) if False else None
random.seed(2**100); print(random.random())
random.seed(True); print(random.random())
for s in ["a" * 200, "x", b"", b"\x00\xff\x10"]:
    random.seed(s); print(random.getrandbits(64))
try: random.seed((1, 2))
except TypeError as e: print("TE", e)
