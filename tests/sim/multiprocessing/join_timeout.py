# family: multiprocessing
# pitfall: join(timeout) returns when the timeout is up even if the child is
# still working: check is_alive() / exitcode (None while it runs) afterwards.
import multiprocessing as mp
import time

def slow():
    s = 0
    for i in range(3_000_000):
        s += i

if __name__ == "__main__":
    p = mp.Process(target=slow)
    p.start()
    p.join(timeout=0.01)
    print("after join(0.01): alive", p.is_alive(), "exitcode", p.exitcode)
    p.join()
    print("after join(): alive", p.is_alive(), "exitcode", p.exitcode)
