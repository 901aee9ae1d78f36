# What weak references cost in traced memory: each ref or proxy object is one
# block (sys.getsizeof bytes, GC header included), freed when the reference
# dies; the shared callback-less ref costs nothing more, and the referent does
# not grow. A WeakValueDictionary stores one KeyedRef per value; they go when
# the values die, the dict's table stays.
import gc
import tracemalloc
import weakref

gc.disable()


class Item:
    pass


def main():
    # in a function: new global names would grow the module's dict, whose start
    # size differs between `python prog.py` and the measuring harness
    items = [Item() for _ in range(1000)]
    keys = list(range(1000))
    plain = [None] * 1000
    again = [None] * 1000
    with_cb = [None] * 1000
    proxies = [None] * 1000
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    for i in keys:
        plain[i] = weakref.ref(items[i])
    after_plain = tracemalloc.get_traced_memory()[0]
    for i in keys:
        again[i] = weakref.ref(items[i])
    after_again = tracemalloc.get_traced_memory()[0]
    for i in keys:
        with_cb[i] = weakref.ref(items[i], len)
    after_cb = tracemalloc.get_traced_memory()[0]
    for i in keys:
        proxies[i] = weakref.proxy(items[i])
    after_proxy = tracemalloc.get_traced_memory()[0]
    plain = again = with_cb = proxies = None
    after_drop = tracemalloc.get_traced_memory()[0]

    cache = weakref.WeakValueDictionary()
    before = tracemalloc.get_traced_memory()[0]
    cache[keys[0]] = items[0]
    first = tracemalloc.get_traced_memory()[0]
    for i in keys:
        cache[keys[i]] = items[i]
    filled = tracemalloc.get_traced_memory()[0]
    items = None
    died = tracemalloc.get_traced_memory()[0]
    # printing last: the first write to stdout allocates memory of its own
    print("plain refs", after_plain - base)
    print("shared refs", after_again - after_plain)
    print("refs with callback", after_cb - after_again)
    print("proxies", after_proxy - after_cb)
    print("after dropping them", after_drop - base)
    print("first value", first - before)
    print("WeakValueDictionary of 1000", filled - before)
    print("values died", len(cache), died - before)


main()
