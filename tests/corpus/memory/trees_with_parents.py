# family: memory
# pitfall: reference-cycles
# pair: none
import gc


class Tree:
    def __init__(self, parent=None):
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)


for _ in range(3_000):
    root = Tree()
    for _ in range(5):
        Tree(root)
print("unreachable now:", gc.collect() >= 0)
