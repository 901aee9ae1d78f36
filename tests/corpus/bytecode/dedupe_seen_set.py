# family: bytecode
# pitfall: none
# pair: dedupe_list_scan
items = [i * 37 % 1500 for i in range(12_000)]
unique = []
seen = set()
for x in items:
    if x not in seen:
        seen.add(x)
        unique.append(x)
print(len(unique), unique[:5])
