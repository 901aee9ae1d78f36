# family: bytecode
# pitfall: exceptions-for-control-flow
# pair: none
def parse_all(items):
    good = bad = 0
    for s in items:
        try:
            int(s)
            good += 1
        except ValueError:
            bad += 1
    return good, bad


data = [str(i) if i % 3 else "x%d" % i for i in range(150_000)]
print(parse_all(data))
