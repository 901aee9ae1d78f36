# family: multiprocessing
# pitfall: module-level state of multiprocessing itself is per process too:
# in a child, current_process() is that child, parent_process() the one that
# started it, and the names of the processes a child starts count from its
# own number (Process-1:1), not from the parent's counter.
import multiprocessing as mp


def inner(q):
    me = mp.current_process()
    q.put(("inner", me.name, mp.parent_process().name, me.daemon))


def outer(q):
    me = mp.current_process()
    q.put(("outer", me.name, mp.parent_process().name, me.daemon))
    kids = [mp.Process(target=inner, args=(q,)) for _ in range(2)]
    for k in kids:
        k.start()
    for k in kids:
        k.join()
    q.put(("outer's children", [k.name for k in kids]))


if __name__ == "__main__":
    q = mp.Queue()
    p = mp.Process(target=outer, args=(q,))
    p.start()
    msgs = sorted(q.get() for _ in range(4))
    p.join()
    for m in msgs:
        print(m)
    print("parent:", mp.current_process().name, mp.parent_process())
    print("next in the parent:", mp.Process().name)
