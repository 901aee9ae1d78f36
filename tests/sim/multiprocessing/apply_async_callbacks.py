# callback / error_callback get each result in the parent; a task's exception
# comes back and get() raises it again
import multiprocessing as mp


def half(x):
    if x % 2:
        raise ValueError("odd: %d" % x)
    return x // 2


def pair(a, b):
    return a * b


if __name__ == "__main__":
    got, errors = [], []
    with mp.Pool(2) as pool:
        rs = [pool.apply_async(half, (x,), callback=got.append, error_callback=errors.append) for x in range(6)]
        for x, r in zip(range(6), rs):
            try:
                print(x, "->", r.get())
            except ValueError as e:
                print(x, "raised", type(e).__name__, e, "successful:", r.successful())
        print("callbacks:", sorted(got), sorted(str(e) for e in errors))
        m = pool.map_async(half, [2, 4, 5, 8], callback=print, error_callback=lambda e: print("map error:", e))
        m.wait()
        print("map successful:", m.successful())
        try:
            m.get()
        except ValueError as e:
            print("map get raised:", e)
        out = []
        pool.starmap_async(pair, [(1, 2), (3, 4)], callback=out.append).wait()
        print("starmap callback:", out)
        try:
            pool.apply(half, (7,))
        except ValueError as e:
            print("apply raised:", e)
    done = []
    pool = mp.Pool(2)
    for x in (10, 20, 30):
        pool.apply_async(half, (x,), callback=done.append)
    pool.close()
    pool.join()
    print("after join:", sorted(done))
