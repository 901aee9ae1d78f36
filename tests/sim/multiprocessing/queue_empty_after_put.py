# family: multiprocessing
# pitfall: a multiprocessing Queue's put() only hands the item to a feeder
# thread; right after it, empty() can still say True (qsize() already counts
# it). Do not use empty() or qsize() to decide whether to get(): block on
# get() (with a timeout) or count sentinels instead.
import multiprocessing as mp
import queue
import time

if __name__ == "__main__":
    q = mp.Queue()
    q.put("job")
    print("right after put: empty", q.empty(), "qsize", q.qsize())
    time.sleep(0.01)
    print("a moment later: empty", q.empty(), "qsize", q.qsize())
    print("got", q.get(timeout=1))
    try:
        q.get(timeout=0.01)
    except queue.Empty:
        print("nothing more: queue.Empty")
