# family: bytecode
# pitfall: range-len-loop
# pair: index_range_len
prices = [i % 50 + 1 for i in range(100_000)]
qty = [i % 7 for i in range(100_000)]
total = 0
for i, (p, q) in enumerate(zip(prices, qty)):
    total += p * q + i
print(total)
