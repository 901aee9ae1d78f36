# family: bytecode
# pitfall: attribute-lookup-in-hot-loop
# pair: math_attr_loop
import math


def norms(n):
    sqrt, floor = math.sqrt, math.floor
    acc = 0.0
    for i in range(n):
        acc += sqrt(i) + floor(i / 3)
    return acc


print(round(norms(300_000), 3))
