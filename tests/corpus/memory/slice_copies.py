# family: memory
# pitfall: none
# pair: none
data = list(range(60_000))
acc = 0
for k in range(1000):
    head = data[:k * 50]
    tail = data[k * 50:]
    acc += len(head) - len(tail) + tail[0]
print(acc)
