# family: bytecode
# pitfall: none
# pair: sort_key_itemgetter
rows = [(i * 7919 % 10007, "n%d" % i, i % 13) for i in range(60_000)]
for _ in range(3):
    by_score = sorted(rows, key=lambda r: r[0])
print(by_score[0], by_score[-1])
