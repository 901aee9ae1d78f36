# family: memory
# pitfall: none
# pair: records_dicts
rows = [(i, i % 100, "x") for i in range(80_000)]
print(len(rows), sum(r[1] for r in rows))
