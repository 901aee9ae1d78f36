# 300 000 small lists freed right away by reference counting: every free
# lowers the gen0 count again, so the collector never runs.
for i in range(300_000):
    x = [i]
