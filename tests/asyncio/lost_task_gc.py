# A task parked on a future nobody else holds is garbage: gc.collect destroys
# it while pending.
import asyncio
import gc


async def waiter():
    await asyncio.get_running_loop().create_future()
    print("never printed")


async def main():
    asyncio.create_task(waiter())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("pending before gc:", len(asyncio.all_tasks()))
    gc.collect()
    print("pending after gc:", len(asyncio.all_tasks()))


asyncio.run(main())
