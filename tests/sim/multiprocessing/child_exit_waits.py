# family: multiprocessing
# pitfall: a child process does not end when its target returns while it
# still has work in flight: it first joins its own non-daemon children and
# threads (daemon ones are stopped), so the parent's join() waits for those
# too; a thread a child starts is a normal (non-daemon) thread of the child
# (but what such a thread puts on a Queue after the child's target returned
# can be lost: the queue's feeder is stopped first).
import multiprocessing as mp
import threading
import time


def slow(q, tag):
    time.sleep(0.1)
    q.put(tag)


def child(q):
    mp.Process(target=slow, args=(q, "grandchild")).start()
    t = threading.Thread(target=time.sleep, args=(0.15,))
    t.start()
    q.put(("thread is daemon", t.daemon, threading.current_thread().name))


if __name__ == "__main__":
    q = mp.Queue()
    p = mp.Process(target=child, args=(q,))
    t0 = time.perf_counter()
    p.start()
    p.join()
    waited = time.perf_counter() - t0
    print("join waited for the child's work:", 0.14 < waited < 2, p.exitcode)
    print(sorted(str(q.get()) for _ in range(2)))
