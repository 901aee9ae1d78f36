# family: bytecode
# pitfall: range-len-loop
# pair: index_enumerate_zip
prices = [i % 50 + 1 for i in range(100_000)]
qty = [i % 7 for i in range(100_000)]
total = 0
for i in range(len(prices)):
    total += prices[i] * qty[i] + i
print(total)
