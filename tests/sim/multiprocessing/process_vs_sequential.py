# family: multiprocessing
# pitfall: CPU-bound work split over processes really runs in parallel (unlike
# threads), but each process costs start-up time: tiny jobs get slower.
import multiprocessing as mp
import time


def count_primes(limit):
    count = 0
    for n in range(2, limit):
        for d in range(2, int(n ** 0.5) + 1):
            if n % d == 0:
                break
        else:
            count += 1
    return count


if __name__ == "__main__":
    limits = [6000, 6000, 6000, 6000]
    t0 = time.perf_counter()
    seq = [count_primes(n) for n in limits]
    t1 = time.perf_counter()
    with mp.Pool(2) as pool:
        par = pool.map(count_primes, limits)
    t2 = time.perf_counter()
    print("primes below 6000:", seq[0], "| same:", seq == par)
    tiny = list(range(20))
    t3 = time.perf_counter()
    [count_primes(n) for n in tiny]
    t4 = time.perf_counter()
    ctx = mp.get_context("fork")
    with ctx.Pool(2) as pool:
        pool.map(count_primes, tiny)
    t5 = time.perf_counter()
    print("tiny jobs slower with a pool:", (t5 - t4) > (t4 - t3))
    print("start method:", mp.get_start_method())
