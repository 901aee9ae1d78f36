# family: multiprocessing
# pitfall: with the spawn start method (macOS and Windows default) the child imports
# the program again as __mp_main__: module-level code runs again and whatever the
# main block set up is missing; fork children see the parent's state instead.
import multiprocessing as mp

print("module level runs in:", __name__)
settings = {"mode": "default"}
calls = []


class Job:
    def __init__(self, n):
        self.n = n


def show(job, tag):
    calls.append(tag)
    print("child", tag, "sees mode", settings["mode"], "job", job.n, type(job).__module__, calls)


if __name__ == "__main__":
    settings["mode"] = "configured in main"
    for method in ("fork", "spawn"):
        ctx = mp.get_context(method)
        p = ctx.Process(target=show, args=(Job(3), method))
        p.start()
        p.join()
        print(method, "exit", p.exitcode, calls)
