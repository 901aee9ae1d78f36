# common str methods and formatting
s = "  Hello, World  "
print(s.strip(), "|", s.lstrip(), "|", s.rstrip(), "|")
print(s.upper(), s.lower(), s.split(","), "a,b,,c".split(","), " x  y ".split())
print("-".join(["a", "b", "c"]), "abc".replace("b", "XX"), "aaa".replace("a", "b", 2))
print("hello".startswith("he"), "hello".endswith(("x", "lo")), "hello".find("l"), "hello".rfind("l"), "hello".find("z"))
print("hello".count("l"), "hello"[1], "hello"[-1], "hello"[1:4], "hello"[::-1], "hello"[::2])
print("abc" * 3, "abc" + "def", "b" in "abc", "z" not in "abc", len("héllo"))
print("x".center(7, "*"), "x".ljust(3) + "|", "x".rjust(3), "42".zfill(5), "-42".zfill(5))
print("hello world".title(), "hELLO".capitalize(), "123".isdigit(), "abc".isalpha(), "a1".isalnum())
print("{} and {}".format(1, 2), "{1}-{0}".format("a", "b"), "{x}:{y:>4}".format(x=1, y=2))
print("%s is %d years and %.2f%%" % ("Bob", 30, 12.345), "%r" % "q", "%(a)s" % {"a": 5})
print(repr("it's"), repr('say "hi"'), repr("tab\there"), repr("nl\n"), str(123), repr(None))
print("a\tb".splitlines(), "l1\nl2\r\nl3".splitlines(), ord("A"), chr(97), chr(233))
name, n = "pi", 3.14159
print(f"{name!r} = {n:.3f}", f"{n:>10.2f}|", f"{name:^8}|", f"{{literal}}", f"{1 + 2}")
print(sorted("banana"), list("abc"), str([1, "a"]), "é".encode())
for ch in "héllo":
    print(ch, end=" ")
print()
