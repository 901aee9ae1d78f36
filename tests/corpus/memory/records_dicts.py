# family: memory
# pitfall: none
# pair: records_tuples
rows = [{"id": i, "bucket": i % 100, "tag": "x"} for i in range(80_000)]
print(len(rows), sum(r["bucket"] for r in rows))
