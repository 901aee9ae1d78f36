# apply_async returns at once: the result is not ready until a worker has run
# the task; get(timeout) gives up with multiprocessing's TimeoutError
import multiprocessing as mp


def spin(n):
    s = 0
    for i in range(n):
        s += i % 7
    return s


def power(a, b):
    return a ** b


if __name__ == "__main__":
    with mp.Pool(2) as pool:
        r = pool.apply_async(spin, (3_000_000,))
        print("ready at once:", r.ready())
        try:
            r.successful()
        except ValueError as e:
            print("successful() too early:", type(e).__name__, str(e).endswith("not ready"))
        try:
            r.get(timeout=0.01)
        except mp.TimeoutError as e:
            print("get(timeout=0.01):", type(e).__module__, type(e).__name__,
                  isinstance(e, mp.ProcessError), isinstance(e, TimeoutError))
        print("wait(0.01) returns:", r.wait(0.01), "ready:", r.ready())
        print("value:", r.get())
        print("ready after get:", r.ready(), "successful:", r.successful(), "wait:", r.wait())
        m = pool.map_async(spin, [10, 20, 30])
        print("map_async:", m.get(timeout=60), m.ready())
        s = pool.starmap_async(power, [(2, 5), (3, 3)])
        print("starmap_async:", s.get())
        print("apply:", pool.apply(spin, (100,)))
