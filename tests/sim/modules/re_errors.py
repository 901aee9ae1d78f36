# re.error: CPython's messages, positions, lineno/colno; other errors.
import re

for pat in ["(", "a)", "[a-", "*", "a**", "x{3,2}", r"\q", "(?P<1>a)", "(?P=x)", r"(a)\2",
            "(?<=a*)b", "(?i", "a(?i)", "ab\n(c", "[z-a]", r"\x4", "(?z)"]:
    try:
        re.compile(pat)
        print(repr(pat), "compiled")
    except re.error as e:
        print(repr(pat), "|", e, "|", e.msg, e.pos, e.lineno, e.colno, e.pattern == pat)
try:
    re.compile("x{99999999999}")
except OverflowError as e:
    print("OverflowError", e)
try:
    re.sub("(a)", r"\2", "a")
except re.error as e:
    print("template:", e)
try:
    re.sub("(a)", r"\q", "a")
except re.error as e:
    print("template:", e)
try:
    re.match("a", 5)
except TypeError as e:
    print("TypeError", e)
try:
    re.compile(re.compile("a"), re.I)
except ValueError as e:
    print("ValueError", e)
try:
    re.match("(a)", "a").group(3)
except IndexError as e:
    print("IndexError", e)
print(isinstance(re.error("x"), Exception), re.error.__name__, re.error.__module__)
try:
    re.compile(")")
except Exception as e:
    print(type(e).__name__, type(e).__module__, e)
