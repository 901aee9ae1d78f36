# family: gil
# pitfall: cpu-threads-no-speedup
# pair: threads_sum_squares
totals = {}


def work(name, n):
    s = 0
    for k in range(n):
        s += k * k % 11
    totals[name] = s


for i in range(3):
    work(f"w{i}", 300_000)
print(sorted(totals.items()))
