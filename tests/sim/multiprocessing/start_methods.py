# family: multiprocessing
# pitfall: with the spawn start method the Process object itself is pickled, so
# its target must be importable (no lambda); fork copies the parent instead.
import multiprocessing as mp


def greet(name):
    print("hello from", name)


class Worker(mp.Process):
    def __init__(self, n):
        super().__init__()
        self.n = n

    def run(self):
        print("subclass run with", self.n)


if __name__ == "__main__":
    print("default method:", mp.get_start_method())
    fork = mp.get_context("fork")
    spawn = mp.get_context("spawn")
    print("contexts:", type(fork).__name__, type(spawn).__name__, spawn.get_start_method())
    p = fork.Process(target=lambda: print("a lambda is fine with fork"))
    p.start()
    p.join()
    try:
        spawn.Process(target=lambda: None).start()
    except Exception as e:
        print("spawn with a lambda:", type(e).__name__)
    s = spawn.Process(target=greet, args=("spawned",))
    s.start()
    s.join()
    w = Worker(7)
    w.start()
    w.join()
    print("exit codes:", p.exitcode, s.exitcode, w.exitcode)
    try:
        mp.get_context("threads")
    except ValueError as e:
        print("unknown method:", e)
