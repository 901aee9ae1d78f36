# contextlib.ExitStack (enter_context, callback, push, pop_all, suppression
# by an exit) and heapq.merge (key, reverse, stability).
from contextlib import ExitStack, contextmanager, suppress
import heapq


@contextmanager
def tag(name):
    print(f"<{name}>")
    try:
        yield name.upper()
    finally:
        print(f"</{name}>")


with ExitStack() as stack:
    names = [stack.enter_context(tag(n)) for n in "xyz"]
    stack.callback(print, "callback", 1)
    print("body", names)

with ExitStack() as stack:
    stack.enter_context(suppress(KeyError))
    stack.enter_context(tag("inner"))
    {}["missing"]
print("suppressed")

with ExitStack() as stack:
    stack.enter_context(tag("moved"))
    later = stack.pop_all()
print("not yet closed")
later.close()

try:
    with ExitStack() as stack:
        stack.push(lambda *exc: print("push saw", exc[0].__name__))
        raise ValueError("boom")
except ValueError as e:
    print("propagated", e)

print(list(heapq.merge([1, 4, 7], [2, 5], [0, 9])))
print(list(heapq.merge(["b", "dd"], ["a", "ccc"], key=len)))
print(list(heapq.merge([9, 5, 1], [8, 2], reverse=True)))
print(list(heapq.merge([(1, "a"), (2, "a")], [(1, "b")], key=lambda t: t[0])))
