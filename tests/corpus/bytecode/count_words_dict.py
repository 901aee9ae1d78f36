# family: bytecode
# pitfall: none
# pair: count_words_counter
words = ("red green blue red yellow green red black white blue " * 20_000).split()
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
print(len(words), sorted(counts.items())[:3])
