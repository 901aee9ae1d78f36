# family: misc
# pitfall: set-iteration-order
# pair: none
words = {"pear", "apple", "fig", "kiwi", "plum", "date"}
print(list(words))
print({3, 1, 2, 100, 7, -5})
print(sorted(words, key=len))
