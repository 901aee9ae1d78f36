# Regular expressions over bytes: log lines read from a binary file, HTTP headers.
import re

raw = b"GET /index.html 200 5120\nPOST /api/items 201 87\nGET /missing 404 0\nGET /caf\xc3\xa9 200 42\n"
print(re.findall(rb"\d+", raw))
print(re.findall(rb"^(GET|POST) (\S+) (\d{3})", raw, re.MULTILINE))
line = re.compile(rb"(?P<method>[A-Z]+) (?P<path>\S+) (?P<status>\d+) (?P<size>\d+)")
for m in line.finditer(raw):
    print(m.group("method"), m["path"], int(m["status"]), m.span(), m.groupdict()["size"])
m = line.match(raw)
print(m)
print(m.group(0), m.groups(), m.start("path"), m.end(2), m.string is raw, m.re is line)
print(line)
print(line.pattern, line.flags, line.groups, line.groupindex == {"method": 1, "path": 2, "status": 3, "size": 4})
print(re.compile(rb"abc", re.I))
print(re.compile(rb"abc", re.I).flags, re.compile("abc").flags, re.compile(rb"x", re.ASCII).flags)

headers = b"Content-Type: text/html\r\nContent-Length: 120\r\nX-Trace:  abc \r\n"
print(dict(re.findall(rb"([\w-]+):\s*(.*?)\s*\r\n", headers)))
print(re.split(rb"\r\n", headers))
print(re.split(rb"(:)", b"a:b:c", maxsplit=1))
print(re.sub(rb"\d+", b"N", raw))
print(re.sub(rb"(\w+) (\S+)", rb"\2 <- \1", b"GET /x POST /y"))
print(re.subn(rb"\s+", b" ", b"a   b \t c\n"))
print(re.sub(rb"\d+", lambda m: str(int(m.group()) * 2).encode(), b"1 22 333"))
print(re.search(rb"\w+", b"\xc3\xa9t\xc3\xa9 ok"))
print(re.findall(rb"\w+", b"caf\xc3\xa9 bar"), re.findall(rb"(?i)ABC", b"abc ABC aBc"))
print(re.fullmatch(rb"[0-9a-f]+", b"deadbeef"), re.fullmatch(rb"[0-9a-f]+", b"xyz"))
print(re.match(rb"a", bytearray(b"abc")))
print(m.expand(rb"\g<path> by \1"))

for args in [(rb"\d", "text"), ("\\d", b"bytes"), (rb"(", b"x"), (rb"a", b"a", re.UNICODE)]:
    try:
        print(re.search(*args))
    except (TypeError, ValueError, re.error) as e:
        print(type(e).__name__, e)
try:
    re.sub(rb"a", "str", b"aaa")
except TypeError as e:
    print("TypeError", e)
for a in [(rb"z", "str", b"aaa"), ("a", b"b", "xaaa"), (rb"a", lambda m: "x", b"xa"), ("a", lambda m: None, "banana")]:
    try:
        print(re.sub(*a))
    except TypeError as e:
        print("TypeError", e)
try:
    re.compile(b"ab\n(cd")
except re.error as e:
    print(e, e.lineno, e.colno, e.pattern)
