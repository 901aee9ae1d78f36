# family: multiprocessing
# pitfall: Pool.map passes one argument; for several use starmap (not a lambda,
# which cannot be pickled), and the results come back in input order.
import multiprocessing as mp


def power(base, exp):
    return base ** exp


def describe(name, n):
    return f"{name}:{n * n}"


if __name__ == "__main__":
    pairs = [(b, e) for b in range(2, 6) for e in (2, 3)]
    with mp.Pool(processes=2) as pool:
        powers = pool.starmap(power, pairs)
        labels = pool.starmap(describe, zip("abcd", range(4)))
        async_res = pool.starmap_async(power, [(10, 3), (3, 10)])
        print("async:", async_res.get(timeout=5))
        try:
            pool.map(lambda x: x * 2, range(3))
        except Exception as e:
            print("lambda failed:", type(e).__name__)
    print("powers:", powers)
    print("labels:", labels)
    print("cpu count positive:", mp.cpu_count() > 0)
