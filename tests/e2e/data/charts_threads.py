import threading

def work(n):
    total = 0
    for i in range(n):
        total += i * i
    return total

threads = [threading.Thread(target=work, args=(200000,)) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("done")
