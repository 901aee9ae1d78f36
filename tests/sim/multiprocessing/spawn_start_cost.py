# family: multiprocessing
# pitfall: a spawned process starts a fresh interpreter and imports the program
# again: tens of milliseconds each, against a few for fork. Start processes (or
# a Pool) once and give them real work.
import multiprocessing as mp
import time

def noop():
    pass

if __name__ == "__main__":
    out = {}
    for method in ("fork", "spawn"):
        ctx = mp.get_context(method)
        t0 = time.perf_counter()
        ps = [ctx.Process(target=noop) for _ in range(4)]
        for p in ps:
            p.start()
        for p in ps:
            p.join()
        out[method] = time.perf_counter() - t0
        t0 = time.perf_counter()
        with ctx.Pool(2) as pool:
            pool.map(abs, range(10))
        out[method + " pool"] = time.perf_counter() - t0
    print("spawn starts slower than fork:", out["spawn"] > 3 * out["fork"], out["spawn pool"] > 3 * out["fork pool"])
