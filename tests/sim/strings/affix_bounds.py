# str.startswith / endswith with start and end (negative, past the end,
# None), tuples of prefixes, non-ASCII text, and the TypeErrors.
s = "héllo wörld"
for args in [("h",), ("é", 1), ("llo", 2), ("wör", -5), ("ld", 0, 20), ("", 11), ("", 12), ("h", None, 1), ("hé", 0, 1),
             (("x", "wö"), 6), ("", -100, -50), ("o", 0, -6)]:
    print(args, s.startswith(*args), s.endswith(*args))
print("ab".startswith("b", 1), "abc".endswith("b", 0, 2), "abc".endswith(("a", "c")), "".startswith(""), "abc".startswith("abcd"))
for bad in (lambda: "a".startswith(1), lambda: "a".endswith(("a", 1)), lambda: "a".startswith(("b", 2)), lambda: "a".startswith("a", "x")):
    try:
        print(bad())
    except TypeError as e:
        print("TypeError:", e)
