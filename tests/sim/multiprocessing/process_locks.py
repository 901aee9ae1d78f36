# family: multiprocessing
# pitfall: a threading.Lock does not work between processes (each child has a
# copy); multiprocessing's Lock, Event and Semaphore are shared by the
# children they are handed to, and a read-modify-write of a shared Value needs
# the lock around it.
import multiprocessing as mp


def add(counter, lock, n):
    for _ in range(n):
        with lock:
            counter.value += 1


def waiter(ev, q):
    ev.wait()
    q.put("released")


if __name__ == "__main__":
    lock = mp.Lock()
    print(type(lock).__name__, type(lock).__module__, type(mp.RLock()).__name__)
    counter = mp.Value("i", 0, lock=False)
    procs = [mp.Process(target=add, args=(counter, lock, 200)) for _ in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print("counter:", counter.value)
    ev, q = mp.Event(), mp.Queue()
    w = mp.Process(target=waiter, args=(ev, q))
    w.start()
    w.join(timeout=0.05)
    print("waiting for the event:", w.is_alive(), q.empty())
    ev.set()
    print(q.get())
    w.join()
    print("acquire twice:", lock.acquire(), lock.acquire(timeout=0.01))
    lock.release()
