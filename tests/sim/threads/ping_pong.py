# Two threads hand a token back and forth through Events and a Queue: the
# output order is fixed by the synchronisation, not by timing.
import queue
import threading

ping, pong = threading.Event(), threading.Event()
q = queue.Queue()


def player(name, mine, other, rounds):
    for i in range(rounds):
        mine.wait()
        mine.clear()
        print(name, i)
        q.put((name, i))
        other.set()


a = threading.Thread(target=player, args=("ping", ping, pong, 3))
b = threading.Thread(target=player, args=("pong", pong, ping, 3))
a.start()
b.start()
ping.set()
a.join()
b.join()
items = []
while not q.empty():
    items.append(q.get())
print(items)
print(threading.active_count(), threading.current_thread().name)
