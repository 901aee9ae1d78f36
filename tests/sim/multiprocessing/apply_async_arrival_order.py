# results come back as tasks finish, not in the order they were submitted:
# a short task's result is ready while a long one submitted before it runs on
import multiprocessing as mp


def spin(n):
    s = 0
    for i in range(n):
        s += i % 7
    return s


if __name__ == "__main__":
    with mp.Pool(2) as pool:
        slow = pool.apply_async(spin, (5_000_000,))
        fast = [pool.apply_async(spin, (n,)) for n in (1000, 2000, 3000)]
        print("fast:", [r.get() for r in fast], "slow ready then:", slow.ready())
        print("slow:", slow.get(), slow.ready())
        empty = pool.map_async(spin, [])
        print("empty map_async:", empty.ready(), empty.get())
