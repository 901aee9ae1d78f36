# An async list comprehension needs an async function around it.
def squares(source):
    return [x * x async for x in source]
