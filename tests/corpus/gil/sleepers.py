# family: gil
# pitfall: io-threads-overlap
# pair: none
import threading
import time

log = []


def nap(i):
    time.sleep(0.05 * (i + 1))
    log.append(i)


ts = [threading.Thread(target=nap, args=(i,)) for i in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("woke in order:", log)
