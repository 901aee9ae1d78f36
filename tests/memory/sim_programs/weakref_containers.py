# WeakValueDictionary, WeakKeyDictionary and WeakSet: entries go away when
# their object dies, by reference count or in a collection, also while the
# container is being iterated (removals wait for the iteration to end).
import gc
import sys
import weakref

gc.collect()


class Item:
    def __init__(self, n):
        self.n = n

    def __repr__(self):
        return "Item(%d)" % self.n


items = [Item(i) for i in range(6)]
cache = weakref.WeakValueDictionary()
for it in items:
    cache[it.n] = it
print("values", len(cache), sorted(cache.keys()), cache[3], cache.get(9, "missing"), 4 in cache)
del it
items.pop()
items.pop(0)
print("after two died", len(cache), sorted(cache.keys()))
items[0].me = items[0]
del items[0]
print("in a cycle, before collect", len(cache), "collected", gc.collect(), "after", len(cache))
seen = []
for k, v in cache.items():
    seen.append(k)
    if k == 2:
        items.clear()  # every value dies during the iteration
print("iterated", seen, "left", len(cache), list(cache.keys()))
print("pop default", cache.pop(2, "gone"), "setdefault", cache.setdefault(7, Item(7)) is None)

owners = [Item(i) for i in range(4)]
meta = weakref.WeakKeyDictionary()
for o in owners:
    meta[o] = o.n * 10
print("keys", len(meta), meta[owners[1]], owners[2] in meta, sorted(meta.values()))
del o
owners.pop()
print("after one died", len(meta), sorted(meta.values()))
owners.clear()
print("all died", len(meta), list(meta.items()))

members = [Item(i) for i in range(3)]
group = weakref.WeakSet(members)
print("set", len(group), members[0] in group, sorted(i.n for i in group))
members.pop()
print("after one died", len(group))
group.discard(members[0])
print("after discard", len(group), sorted(i.n for i in group))

print("sizes", sys.getsizeof(weakref.WeakValueDictionary()), sys.getsizeof(weakref.WeakKeyDictionary()),
      sys.getsizeof(weakref.WeakSet()))
