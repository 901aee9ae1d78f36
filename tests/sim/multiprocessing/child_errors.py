# family: multiprocessing
# pitfall: an exception in a Pool worker is re-raised in the parent by map() or
# get(); a Process's failure only shows in its exitcode (sys.exit(n) sets it).
import multiprocessing as mp
import sys

def bad(x):
    if x == 2:
        raise ValueError(f"bad item {x}")
    return x

def quit_early():
    sys.exit(3)

def nested():
    with mp.Pool(2) as pool:
        print("nested pool:", pool.map(abs, [-1, -2]))

if __name__ == "__main__":
    with mp.Pool(2) as pool:
        try:
            pool.map(bad, range(4))
        except ValueError as e:
            print("worker error re-raised:", e)
        r = pool.apply_async(bad, (2,))
        try:
            r.get()
        except ValueError as e:
            print("async error:", e, r.successful())
    p = mp.Process(target=quit_early)
    p.start(); p.join()
    print("sys.exit(3) exit code:", p.exitcode)
    try:
        p.start()
    except AssertionError as e:
        print("start twice:", e)
    n = mp.Process(target=nested)
    n.start(); n.join()
    print("nested exit:", n.exitcode)
    print(mp.current_process().name, mp.cpu_count() > 0)
