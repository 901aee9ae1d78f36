# printf-style formatting: flags, width, precision, '*', mapping keys, errors.
print("%d items at %.2f each: %s" % (3, 1.5, "ok"))
print("%5d|%-5d|%05d|%+d|% d" % (42, 42, 42, 42, 42))
print("%x %X %#x %o %#o %e %E %g %G" % (255, 255, 255, 8, 8, 12345.678, 0.00012, 1e-5, 123456789.0))
print("%10.3f|%-10s|%*d|%.*f" % (3.14159, "left", 6, 7, 2, 2.71828))
print("%(name)s is %(age)d" % {"name": "Ada", "age": 36})
print("%c%c %r %a %s" % (72, "i", "quote's", "caf\u00e9", [1, 2]))
print("%s" % (2 ** 100,), "%d" % 2 ** 70, "%x" % -(2 ** 65), "%i" % 3.99, "%.3s" % "abcdef")
print("100%% sure" % (), "%s" % None, "%5s|%-6r|" % (True, None))
for bad in [("%d", "x"), ("%s %s", ("a",)), ("%s", ("a", "b")), ("%y", 1), ("%(k)s", (1,)), ("%", 1)]:
    try:
        print(bad[0] % bad[1])
    except (TypeError, ValueError, KeyError) as e:
        print(type(e).__name__ + ":", e)
