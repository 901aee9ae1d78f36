# family: multiprocessing
# pitfall: Pool.map materialises every result before returning; imap yields them
# lazily in order, imap_unordered as they finish; chunksize batches the tiny tasks.
import multiprocessing as mp


def slow_square(x):
    s = 0
    for _ in range(200):
        s += x
    return x * x, s // 200


if __name__ == "__main__":
    data = range(1, 201)
    with mp.Pool(2) as pool:
        m = pool.map(slow_square, data, chunksize=20)
        it = pool.imap(slow_square, data, chunksize=10)
        print("imap is lazy:", type(it).__name__)
        first = [next(it) for _ in range(3)]
        rest = list(it)
        unordered = sorted(pool.imap_unordered(slow_square, data, chunksize=25))
    print("map:", len(m), m[:3], m[-1])
    print("imap first:", first, "rest:", len(rest))
    print("all agree:", m == first + rest == unordered)
    print("sum of squares:", sum(sq for sq, _ in m))
