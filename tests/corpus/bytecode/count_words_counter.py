# family: bytecode
# pitfall: none
# pair: count_words_dict
from collections import Counter

words = ("red green blue red yellow green red black white blue " * 20_000).split()
counts = Counter(words)
print(len(words), sorted(counts.items())[:3])
