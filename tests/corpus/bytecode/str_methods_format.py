# family: bytecode
# pitfall: none
# pair: none
names = ["alice", "bob", "carol", "dave", "erin", "frank"]
out = []
for i in range(40_000):
    name = names[i % 6]
    label = name.upper().replace("A", "4")
    row = f"{i:06d}|{label:<8}|{i * 0.5:.2f}"
    if row.startswith("0"):
        out.append(row.strip())
print(len(out), out[-1])
