# family: asyncio
# pitfall: with gather, a failing task leaves its siblings running; a TaskGroup
# (3.11+) cancels the siblings and raises all failures together as an ExceptionGroup.
import asyncio

log = []


async def worker(name, delay, fail=False):
    try:
        await asyncio.sleep(delay)
        if fail:
            raise ValueError(f"{name} failed")
        log.append(f"{name} finished")
        return name
    except asyncio.CancelledError:
        log.append(f"{name} cancelled")
        raise


async def main():
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(worker(f"ok{i}", 0.01 * i)) for i in range(3)]
    print("all done:", [t.result() for t in tasks])
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(worker("a", 0.01, fail=True))
            tg.create_task(worker("b", 0.01, fail=True))
            tg.create_task(worker("slow", 1.0))
    except* ValueError as eg:
        print("caught:", repr(eg), sorted(str(e) for e in eg.exceptions))
    print("log:", log)
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(worker("c", 0.01, fail=True))
    except ExceptionGroup as eg:
        print("as a plain group:", eg, type(eg.exceptions[0]).__name__)


asyncio.run(main())
