# string: constants, capwords, Template.
import string
print(string.ascii_lowercase, string.ascii_uppercase, string.digits, string.hexdigits, string.octdigits)
print(string.punctuation, string.ascii_letters)
print(repr(string.whitespace), repr(string.printable), len(string.printable))
print(string.capwords("hello   big world"), string.capwords("a-b-c", "-"))
t = string.Template("Hi $name, ${x}y costs $$5")
print(t.substitute(name="Bo", x=1), "|", t.safe_substitute(name="Z"))
print(string.Template("$a $b").substitute({"a": 1}, b=2), t.template)
for bad in ["x $ y", "line1\n  $5", "${open"]:
    try:
        string.Template(bad).substitute()
    except ValueError as e:
        print("ValueError:", e)
try:
    string.Template("$who").substitute()
except KeyError as e:
    print("KeyError:", repr(e))
print(string.Template("$who and ${what and $ end").safe_substitute(who=1))
print(string.Template("$a${b}$a $$c").get_identifiers(), string.Template("$ok").is_valid(), string.Template("$").is_valid())
counts = {ch: 0 for ch in string.ascii_lowercase[:5]}
for ch in "abacabad":
    if ch in counts:
        counts[ch] += 1
print(counts, "".join(c for c in "Hello, World!" if c not in string.punctuation))
