# family: memory
# pitfall: materialized-list-for-reduction
# pair: squares_generator
total = sum([i * i for i in range(300_000)])
print(total)
