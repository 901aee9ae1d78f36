# family: bytecode
# pitfall: try-except-in-loop
# pair: try_outside_loop
def total(values):
    s = 0
    for v in values:
        try:
            s += v * 2
        except TypeError:
            s -= 1
    return s


data = list(range(800_000))
print(total(data), total(data[:10]))
