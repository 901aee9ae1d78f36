# Sizes of re objects as sys.getsizeof reports them on 3.11 (Pattern: its
# compiled code words; Match: two slots per group) and traced allocations.
import re, sys, tracemalloc

for pat in ["a", "abc", "a+b", "(a)(b)", "(a+)+b", r"[a-z]+@\w+", "x" * 50, r"\d+", r"(\w+)\s(\w+)",
            r"^\d{3}-\d{4}$", r"a|b|c", r"(?:ab|cd)+e", r"(?P<k>\w+)=(?P<v>\d*)", r"[^,]+", r"foo(?=bar)",
            r"(?<=a)b", r"(?i)hello", r".*x", r"[abc]", r"[a-z0-9_]", r"\bword\b", r"(a)?(?(1)b|c)"]:
    p = re.compile(pat)
    m = p.search("abc aaab a@b xxxxxxxxxx 123 ab cd 555-1234 k=1 foobar hello word c " + "x" * 50)
    print(repr(pat), sys.getsizeof(p), m and sys.getsizeof(m))

tracemalloc.start()
p = re.compile(r"(\d+)-(\d+)")
ms = [p.match("%d-%d" % (i, i)) for i in range(1000)]
cur, peak = tracemalloc.get_traced_memory()
print(len(ms), cur > 1000 * sys.getsizeof(ms[0]))
tracemalloc.stop()
