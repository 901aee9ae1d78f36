# str.maketrans / str.translate, bytes.fromhex, and the repr of a bound
# built-in method.
table = str.maketrans("abc", "xyz", "!")
print(sorted(table.items()))
print("a big cab!".translate(table))
print("hello".translate({ord("l"): None, ord("o"): "0", 104: 72}))
print(str.maketrans({"a": "1", 98: None}))
print("abc".translate(str.maketrans({"a": "AA"})), "ünï".translate({252: "u"}))
for bad in (lambda: str.maketrans("ab", "x"), lambda: str.maketrans({"ab": 1}), lambda: str.maketrans([1]),
            lambda: "a".translate({97: 1.5}), lambda: bytes.fromhex("0g"), lambda: bytes.fromhex("abc")):
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
print(bytes.fromhex("de ad be ef"), bytes.fromhex(""), bytes.fromhex(" 0a0B "))
for m in ([].append, {}.get, "abc".upper, (1).bit_length, b"x".hex):
    print(repr(m).split(" at 0x")[0])
