# The module-level pattern cache (Lib/re/__init__.py _cache, _MAXCACHE 512):
# the same (type, pattern, flags) gives the same Pattern; more than 512
# distinct patterns evict the oldest.
import re

re.purge()
a = re.compile(r"\d+")
print(a is re.compile(r"\d+"), a is re.compile(r"\d+", re.I), len(re._cache), re._MAXCACHE)
for i in range(600):
    re.match("p%d" % i, "p1")
print(len(re._cache), a is re.compile(r"\d+"))
first = next(iter(re._cache))
print(first[1], first[2])
re.purge()
print(len(re._cache))
