# ThreadPoolExecutor: submit, map, as_completed, wait and exceptions in futures.
from concurrent.futures import ThreadPoolExecutor, as_completed, wait, ALL_COMPLETED
import time


def square(x):
    time.sleep(0.01 * (5 - x))
    return x * x


def boom():
    raise ValueError("bad input")


with ThreadPoolExecutor(max_workers=3) as ex:
    print(list(ex.map(square, range(5))))
    futs = [ex.submit(square, i) for i in range(5)]
    print(sorted([f.result() for f in futs]))
    done = [f.result() for f in as_completed([ex.submit(square, i) for i in (1, 4)])]
    print("first done:", done[0])
    f = ex.submit(boom)
    try:
        f.result()
    except ValueError as e:
        print("raised:", e, f.done())
    d, nd = wait([ex.submit(square, 2)], return_when=ALL_COMPLETED)
    print(len(d), len(nd))
print("shutdown")
