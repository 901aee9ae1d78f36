# family: gil
# pitfall: cpu-threads-no-speedup
# pair: seq_sum_squares
import threading

totals = {}


def work(name, n):
    s = 0
    for k in range(n):
        s += k * k % 11
    totals[name] = s


ts = [threading.Thread(target=work, args=(f"w{i}", 300_000), name=f"w{i}") for i in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(totals.items()))
