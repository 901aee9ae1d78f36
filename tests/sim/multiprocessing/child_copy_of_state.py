# family: multiprocessing
# pitfall: a child process works on a copy of the parent's memory: appending to
# a global list, rebinding a global, changing an object's attribute or a class
# attribute in the child changes nothing the parent sees afterwards.
import multiprocessing as mp

cache = {}
events = []
total = 0


class Config:
    retries = 1

    def __init__(self):
        self.mode = "fast"


config = Config()


def work(tag, items):
    global total
    cache[tag] = len(items)
    events.append(tag)
    total += sum(items)
    items.append(-1)
    config.mode = "slow"
    Config.retries = 5
    print("child sees", tag, sorted(cache), events, total, config.mode, Config.retries)


def fail():
    events.append("fail")
    raise ValueError("boom in the child")


if __name__ == "__main__":
    data = [1, 2, 3]
    p = mp.Process(target=work, args=("a", data))
    p.start()
    p.join()
    print("parent sees", cache, events, total, data, config.mode, Config.retries)
    print("exit code", p.exitcode, "alive", p.is_alive())
    events.append("parent")
    q = mp.Process(target=work, args=("b", data))
    q.start()
    q.join()
    print("parent sees", cache, events, total, data)
    bad = mp.Process(target=fail, name="failing-child")
    bad.start()
    bad.join()
    print("failing child exit code", bad.exitcode, "events", events)
    print("name", bad.name, "repr ok", repr(bad).startswith("<Process name='failing-child'"))
