# ProcessPoolExecutor: submit returns at once, futures complete in the
# workers, exceptions travel back, as_completed and wait see every result.
import concurrent.futures as cf


def square(n):
    return n * n


def fails(n):
    raise ValueError("bad input %d" % n)


if __name__ == "__main__":
    with cf.ProcessPoolExecutor(max_workers=2) as ex:
        futures = [ex.submit(square, i) for i in range(6)]
        print([f.result() for f in futures])
        print(sorted(f.result() for f in cf.as_completed(futures)))
        done, not_done = cf.wait([ex.submit(square, 7), ex.submit(square, 8)])
        print(sorted(f.result() for f in done), len(not_done))
        bad = ex.submit(fails, 3)
        print(type(bad.exception()).__name__, bad.exception())
        try:
            bad.result()
        except ValueError as e:
            print("raised:", e)
        print(list(ex.map(square, [1, 2, 3])))
        print(all(f.done() for f in futures))
    try:
        ex.submit(square, 1)
    except RuntimeError as e:
        print(e)
