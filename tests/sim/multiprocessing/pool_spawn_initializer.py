# family: multiprocessing
# pitfall: Pool workers started with spawn import the program once each, see the
# module's globals as written (not as the main block changed them); an
# initializer is how to set up per-worker state for any start method.
import multiprocessing as mp

factor = 1
table = None


def setup(n):
    global table
    table = {i: i * n for i in range(5)}


def where():
    return __name__


def scaled(x):
    return x * factor


def lookup(x):
    return table[x]


class Point:
    def __init__(self, x):
        self.x = x


def shift(p):
    return Point(p.x + 1)


if __name__ == "__main__":
    factor = 10
    for method in ("fork", "spawn"):
        ctx = mp.get_context(method)
        with ctx.Pool(2) as pool:
            print(method, "workers run in:", pool.apply(where))
            print(method, "scaled:", pool.map(scaled, [1, 2, 3]))
            pts = pool.map(shift, [Point(1), Point(2)])
            print(method, "points:", [p.x for p in pts], type(pts[0]) is Point)
        with ctx.Pool(2, initializer=setup, initargs=(7,)) as pool:
            print(method, "lookup:", pool.map(lookup, range(5)))
    print("parent table:", table)
