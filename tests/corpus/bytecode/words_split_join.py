# family: bytecode
# pitfall: none
# pair: none
line = "the quick brown fox jumps over the lazy dog and keeps running far away"
total = 0
longest = ""
for i in range(80_000):
    words = line.split()
    total += len(words)
    joined = "-".join(words)
    if len(joined) > len(longest):
        longest = joined
print(total, longest[:20])
