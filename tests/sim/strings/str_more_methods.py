# str methods: partition, rsplit, rindex, removeprefix/suffix, case and class tests, expandtabs
print("a-b-c".partition("-"), "a-b-c".rpartition("-"), "abc".partition("x"), "abc".rpartition("x"))
print("key = value = x".partition(" = "), "héllo wörld".partition("ö"))
print("a b  c ".rsplit(), "a,b,c".rsplit(",", 1), " x y z ".rsplit(None, 1), "a,,b".rsplit(","), "aXbXc".rsplit("X", 0))
print("hello".rindex("l"), "héllo".rindex("l"), "abcabc".rindex("b", 0, 3))
print("test_case.py".removesuffix(".py"), "prefix_name".removeprefix("prefix_"), "x".removeprefix("xyz"))
print("Hello World".swapcase(), "Straße".casefold(), "ǅ".swapcase())
print("123".isdecimal(), "½".isnumeric(), "½".isdecimal(), "abc".isascii(), "é".isascii(), "".isascii())
print("Hello World".istitle(), "Hello world".istitle(), "var_1".isidentifier(), "1var".isidentifier(), "über".isidentifier())
print("abc".isprintable(), "a\tb".isprintable(), "".isprintable())
print(repr("a\tbc\tdef\n\tx".expandtabs()), repr("a\tb".expandtabs(4)), repr("\t".expandtabs(0)))
for line in ["name: Ann", "age: 31", "bad line"]:
    key, sep, value = line.partition(": ")
    print(key, bool(sep), value)
try:
    "abc".rindex("z")
except ValueError as e:
    print("ValueError:", e)
try:
    "abc".partition("")
except ValueError as e:
    print("ValueError:", e)
s = "mississippi"
print(s.find("ss"), s.find("ss", 3), s.find("ss", 3, 6), s.find("ss", -5), s.rfind("ss"), s.rfind("ss", 0, 5), s.find(""), s.find("", 20), s.rfind(""))
print(s.count("s"), s.count("ss", 3), s.count("", 2, 5), s.count("i", -4), s.index("p"), s.rindex("i", 0, -1), "héhé".find("é", 2), "héhé".count("é"))
for bad in [lambda: s.find(1), lambda: s.count(), lambda: s.index("z", 1)]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
