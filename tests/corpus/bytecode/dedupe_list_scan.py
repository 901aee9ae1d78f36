# family: bytecode
# pitfall: none
# pair: dedupe_seen_set
items = [i * 37 % 1500 for i in range(12_000)]
unique = []
for x in items:
    if x not in unique:
        unique.append(x)
print(len(unique), unique[:5])
