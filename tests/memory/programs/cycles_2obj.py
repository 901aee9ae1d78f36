# 100 000 two-object reference cycles, each dropped on the next iteration.
class Node:
    pass

for i in range(100_000):
    a = Node()
    b = Node()
    a.other = b
    b.other = a
