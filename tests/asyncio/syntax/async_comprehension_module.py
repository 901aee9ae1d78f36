# At module level too.
squares = {x: x * x async for x in range(3)}
