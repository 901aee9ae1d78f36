# family: multiprocessing
# pitfall: a forked child works on its own copy of the globals even while it
# runs at the same time as the parent: appends on either side never show on
# the other, whatever order they happen in; only what goes through the Queue
# (a pickled copy) crosses over.
import multiprocessing as mp

log = []
settings = {"mode": "initial"}


def child(inbox, outbox):
    while True:
        msg = inbox.get()
        if msg is None:
            break
        log.append(msg)
        settings["mode"] = "child-" + str(msg)
        outbox.put((len(log), settings["mode"], log[-2:]))


if __name__ == "__main__":
    inbox, outbox = mp.Queue(), mp.Queue()
    p = mp.Process(target=child, args=(inbox, outbox))
    p.start()
    for i in range(4):
        log.append(-i)
        log.append(-i)
        settings["mode"] = "parent-" + str(i)
        inbox.put(i)
        print("child sees:", outbox.get())
    inbox.put(None)
    p.join()
    print("parent sees:", len(log), settings, log[:4])
