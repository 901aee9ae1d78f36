# sys.getsizeof of sets follows CPython's set table (resizes, set_merge presizing, dummies)
import sys
s = set()
print(sys.getsizeof(s))
for i in range(100):
    s.add(i)
    if i in (4, 5, 18, 19, 20, 76, 77):
        print(i, sys.getsizeof(s))
t = set(s)
print(sys.getsizeof(t), sys.getsizeof(s.copy()), sys.getsizeof(frozenset(range(5))), sys.getsizeof({1, 2, 3, 4, 5}))
for i in range(90):
    s.discard(i)
print(sys.getsizeof(s))
s -= set(range(95))
print(sys.getsizeof(s), sys.getsizeof(s | {1}), sys.getsizeof(set("abcdefgh")), sys.getsizeof(set({i: i for i in range(10)})))
print(sys.getsizeof({x for x in range(50)}), sys.getsizeof(set(range(50)) & set(range(25, 75))))
