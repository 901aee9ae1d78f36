# The inner async comprehension makes the outer one async too, and the outer
# one sits in a plain function.
def table(rows):
    return [[x async for x in row] for row in rows]
