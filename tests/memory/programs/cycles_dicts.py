# 50 000 cycles through dicts (d['self'] = d) created inside a function call,
# mixed with long-lived tuples kept in a list.
keep = []
def make(i):
    d = {}
    d['self'] = d
    return (i, i)
for i in range(50_000):
    keep.append(make(i))
