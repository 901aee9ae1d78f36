# list.index / tuple.index with start and stop (negative, past the end) and
# their errors.
l = [3, 1, 4, 1, 5, 9, 2, 6]
t = tuple(l)
for args in [(1,), (1, 2), (1, -5), (5, -4), (6, 0, 100), (3, -100), (2, 2, 7)]:
    print(args, l.index(*args), t.index(*args))
for seq in (l, t):
    for args in [(1, 4, 2), (9, 6), (7,), (1, "x")]:
        try:
            print(seq.index(*args))
        except (ValueError, TypeError) as e:
            print(type(e).__name__, e)
