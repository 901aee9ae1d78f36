# family: multiprocessing
# pitfall: Pool sends the function and its arguments to the workers by pickling:
# a lambda or a function defined inside another function cannot be sent, and
# what comes back is a copy, never the parent's own object.
import multiprocessing as mp

shared = [0, 0, 0]


def double(x):
    return x * 2


def make_adder(n):
    def add(x):
        return x + n
    return add


def touch(row):
    row.append("seen")
    shared[0] += 1
    return row


def numbers():
    yield 1


if __name__ == "__main__":
    rows = [[1], [2], [3]]
    with mp.Pool(2) as pool:
        print("plain function:", pool.map(double, range(4)))
        for label, fn in (("lambda", lambda x: x), ("local function", make_adder(1))):
            try:
                pool.map(fn, range(3))
            except Exception as e:
                print(label, "->", type(e).__name__, str(e).split(" at ")[0])
        try:
            pool.apply(double, (numbers(),))
        except TypeError as e:
            print("generator argument ->", e)
        late = pool.map_async(lambda x: x, [1, 2])
        try:
            late.get(timeout=5)
        except Exception as e:
            print("map_async raises at get():", type(e).__name__, late.successful())
        back = pool.map(touch, rows)
        print("returned:", back)
        print("parent rows:", rows, "same objects:", back[0] is rows[0])
        print("parent shared:", shared)
        print("apply:", pool.apply(double, (21,)), pool.apply_async(double, (4,)).get())
