# family: memory
# pitfall: a plain dict used as a cache keeps every object alive forever;
# a WeakValueDictionary lets entries vanish once nobody else uses them.
import gc
import weakref


class Image:
    loaded = 0

    def __init__(self, name):
        self.name = name
        self.pixels = bytearray(1000)
        Image.loaded += 1

    def __repr__(self):
        return f"Image({self.name!r})"


strong_cache = {}
weak_cache = weakref.WeakValueDictionary()


def load_strong(name):
    if name not in strong_cache:
        strong_cache[name] = Image(name)
    return strong_cache[name]


def load_weak(name):
    img = weak_cache.get(name)
    if img is None:
        img = Image(name)
        weak_cache[name] = img
    return img


for i in range(100):
    load_strong(f"img{i}")
print("strong cache entries after use:", len(strong_cache))

in_use = [load_weak(f"img{i}") for i in range(5)]
for i in range(5, 100):
    load_weak(f"img{i}")          # dropped right after loading
print("weak cache entries:", len(weak_cache), sorted(weak_cache.keys()))
print("same object on a hit:", load_weak("img3") is in_use[3])
del in_use[:2]
print("after releasing two:", sorted(weak_cache.keys()))

log = []
img = Image("tmp")
r = weakref.ref(img, lambda ref: log.append("collected"))
print("ref alive:", r() is img)
del img
print("ref after del:", r(), log)

class Node:
    def __init__(self):
        self.me = self             # a cycle: refcount never reaches zero
n = Node()
wr = weakref.ref(n)
del n
print("cycle still alive before gc:", wr() is not None)
gc.collect()
print("after gc.collect:", wr())
print("images created:", Image.loaded)
