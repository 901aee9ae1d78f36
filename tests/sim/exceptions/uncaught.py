# an uncaught exception prints CPython's traceback and exits with status 1
def average(values):
    return sum(values) / len(values)

def report(rows):
    for row in rows:
        print("avg:", average(row))

report([[1, 2, 3], []])
