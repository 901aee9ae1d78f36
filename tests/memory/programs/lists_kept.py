# 200 000 one-element lists kept alive in an outer list: the GC scans them
# again and again while finding nothing to free.
keep = []
for i in range(200_000):
    keep.append([i])
