# family: multiprocessing
# pitfall: tiny-tasks-ipc
# pair: none
# expect: Pool.imap_unordered with chunksize=250 ships 16 batches of small tasks to two workers; results arrive in completion order, so the program sorts them
import multiprocessing as mp


def score(x):
    s = 0
    for k in range(40):
        s += (x * k) % 13
    return s


if __name__ == "__main__":
    with mp.Pool(2) as pool:
        results = sorted(pool.imap_unordered(score, range(4000), chunksize=250))
    print("tasks:", len(results), "sum:", sum(results), "max:", results[-1])
