# family: multiprocessing
# pitfall: workers fed from one Queue share the jobs between them and run in
# parallel; each needs its own sentinel (one None per worker) or it waits
# forever, and results come back in completion order, not submission order.
import multiprocessing as mp


def cpu_job(n):
    total = 0
    for i in range(n):
        total += i % 7
    return total


def worker(wid, jobs, results):
    count = 0
    while True:
        n = jobs.get()
        if n is None:
            break
        results.put((n, cpu_job(n)))
        count += 1
    results.put(("done", wid, count))


if __name__ == "__main__":
    jobs, results = mp.Queue(), mp.Queue()
    workers = [mp.Process(target=worker, args=(w, jobs, results)) for w in range(4)]
    for p in workers:
        p.start()
    sizes = [50_000 + 1000 * k for k in range(40)]
    for n in sizes:
        jobs.put(n)
    for _ in workers:
        jobs.put(None)
    answers, counts = {}, {}
    while len(counts) < len(workers):
        msg = results.get()
        if msg[0] == "done":
            counts[msg[1]] = msg[2]
        else:
            answers[msg[0]] = msg[1]
    for p in workers:
        p.join()
    print("answers:", len(answers), "all right:", all(answers[n] == cpu_job(n) for n in sizes))
    print("jobs done:", sum(counts.values()), "by every worker:", all(c > 0 for c in counts.values()))
    print("exit codes:", [p.exitcode for p in workers], "queue empty:", jobs.empty())
