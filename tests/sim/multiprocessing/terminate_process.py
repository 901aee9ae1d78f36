# family: multiprocessing
# pitfall: terminate() kills a child with SIGTERM where it stands (no finally
# block, no cleanup runs in it); its exitcode is then negative, the signal's
# number, and only join() makes is_alive() reliably False.
import multiprocessing as mp
import time


def sleeper(q):
    q.put("started")
    try:
        time.sleep(30)
    finally:
        q.put("cleanup")


def spinner():
    while True:
        pass


if __name__ == "__main__":
    q = mp.Queue()
    p = mp.Process(target=sleeper, args=(q,))
    print("before start:", p.exitcode, p.is_alive())
    p.start()
    print("child says:", q.get())
    p.terminate()
    p.join()
    print("after terminate:", p.exitcode, p.is_alive(), "queue empty:", q.empty())
    s = mp.Process(target=spinner, daemon=True)
    s.start()
    s.join(timeout=0.05)
    print("spinner still alive:", s.is_alive(), s.exitcode)
    s.kill()
    s.join()
    print("after kill:", s.exitcode, s.is_alive())
    done = mp.Process(target=time.sleep, args=(0.01,))
    done.start()
    done.join()
    done.terminate()
    print("terminate after the end:", done.exitcode)
