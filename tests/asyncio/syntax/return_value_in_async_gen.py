# An async generator cannot return a value (symtable.c).
async def numbers():
    yield 1
    return 5
