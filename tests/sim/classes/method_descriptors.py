# Methods of the built-in types called through their type check their self
# and their argument count before they run, with CPython's messages.
calls = [
    lambda: list.append(1, 2),
    lambda: list.append(),
    lambda: str.upper(1),
    lambda: dict.get([], 1),
    lambda: str.join(b"", []),
    lambda: int.bit_length("x"),
    lambda: set.add(frozenset(), 1),
    lambda: bytes.hex(bytearray(b"ab")),
    lambda: list.__len__(1),
    lambda: str.__len__(b""),
    lambda: object.__repr__(),
    lambda: list.__getitem__((1,), 0),
    lambda: dict.keys(1),
    lambda: tuple.count("a", 1),
    lambda: float.is_integer(1),
    lambda: set.union([1], [2]),
    lambda: bytearray.append(b"", 1),
    lambda: [].append(),
    lambda: [].append(1, 2),
    lambda: [].append(x=1),
    lambda: [].insert(1),
    lambda: [].pop(1, 2),
    lambda: [1].index(),
    lambda: [].copy(1),
    lambda: [].sort(3),
    lambda: {}.get(),
    lambda: {}.pop(),
    lambda: {}.setdefault(),
    lambda: {}.items(1),
    lambda: "a".upper(1),
    lambda: "a".split(",", 1, 2),
    lambda: "a".replace("a"),
    lambda: "a".startswith(),
    lambda: "a".join(),
    lambda: "a".encode("utf-8", "strict", 3),
    lambda: set().add(),
    lambda: set().discard(1, 2),
    lambda: (1,).count(),
    lambda: (1,).index(),
    lambda: b"a".decode("ascii", "strict", 3),
    lambda: (5).to_bytes(1, "big", 3),
    lambda: (1.5).is_integer(2),
]
for i, c in enumerate(calls):
    try:
        print(i, c())
    except TypeError as e:
        print(i, "TypeError:", e)

# what fits still runs, also through the type and on a subclass's instance
class Names(list):
    pass


n = Names([3, 1])
list.append(n, 2)
list.sort(n)
print(n, str.upper("ab"), dict.get({"k": 1}, "k"), int.bit_length(255), bytes.hex(b"\x01"), list.__len__(n))
print(" ".join(["a", "b"]), "a,b".split(",", 1), {}.get("x", 0), [1, 2].index(2), (1.0).is_integer())
