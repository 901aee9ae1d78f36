# Blocking threading calls inside a coroutine block the event loop's thread:
# each one below waits ~20 ms for a helper thread, and while it waits no other
# task runs (the heartbeat's tick comes late). Each wait is its own loop step
# (the awaits between them end the steps), so each is a stall of its own.
import asyncio
import concurrent.futures
import queue
import threading
import time

lock = threading.Lock()
held = threading.Event()
items = queue.Queue()
ready = threading.Event()


def holder():
    with lock:
        held.set()
        time.sleep(0.02)


def producer():
    time.sleep(0.02)
    items.put("item")


def setter():
    time.sleep(0.02)
    ready.set()


def work():
    time.sleep(0.02)
    return 42


async def heartbeat(ticks):
    for _ in range(ticks):
        await asyncio.sleep(0.005)


async def main():
    beat = asyncio.create_task(heartbeat(3))
    t = threading.Thread(target=holder)
    t.start()
    held.wait()
    await asyncio.sleep(0)
    with lock:  # held by the helper for 20 ms
        print("lock acquired")
    await asyncio.sleep(0)
    t.join()
    sleeper = threading.Thread(target=time.sleep, args=(0.02,))
    sleeper.start()
    sleeper.join()  # 20 ms
    print("joined")
    await asyncio.sleep(0)
    with concurrent.futures.ThreadPoolExecutor(1) as ex:
        f = ex.submit(work)
        print("future", f.result())  # 20 ms
    await asyncio.sleep(0)
    threading.Thread(target=producer).start()
    print("queue", items.get())  # 20 ms
    await asyncio.sleep(0)
    threading.Thread(target=setter).start()
    print("event", ready.wait())  # 20 ms
    await beat
    print("heartbeat done")


asyncio.run(main())
