# `yield from` is refused inside an async function (compile.c).
async def numbers():
    yield from [1, 2]
