# asyncio.Queue (bounded), Lock, Semaphore and Event between tasks.
import asyncio

async def producer(q, n):
    for i in range(n):
        await q.put(i)
        await asyncio.sleep(0.001)
    await q.put(None)

async def consumer(q, out):
    while True:
        item = await q.get()
        q.task_done()
        if item is None:
            break
        out.append(item)

async def worker(lock, sem, ev, log, i):
    await ev.wait()
    await sem.acquire()
    try:
        await lock.acquire()
        log.append(i)
        await asyncio.sleep(0.002)
        lock.release()
    finally:
        sem.release()

async def main():
    q = asyncio.Queue(maxsize=2)
    out = []
    await asyncio.gather(producer(q, 5), consumer(q, out))
    print("consumed", out, q.empty())
    lock, sem, ev, log = asyncio.Lock(), asyncio.Semaphore(2), asyncio.Event(), []
    tasks = [asyncio.create_task(worker(lock, sem, ev, log, i)) for i in range(4)]
    await asyncio.sleep(0.01)
    print("before set", log, lock.locked(), ev.is_set())
    ev.set()
    await asyncio.gather(*tasks)
    print("after", log, lock.locked())
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("empty")
    try:
        lock.release()
    except RuntimeError as e:
        print(e)

asyncio.run(main())
