# deque.index(x[, start[, stop]]).
from collections import deque

d = deque([3, 1, 4, 1, 5], maxlen=6)
print(d.index(1), d.index(1, 2), d.index(5, -2), d.index(4, 0, 3))
for args in [(9,), (1, 4), (3, 1, 2)]:
    try:
        d.index(*args)
    except ValueError as e:
        print("ValueError:", e)
