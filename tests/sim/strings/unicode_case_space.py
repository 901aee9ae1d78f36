# Case mapping, character tests, whitespace splitting and stripping follow
# the Unicode database for non-ASCII text (full mappings: ß -> SS).
s = "café Ünï wörld ß"
print(s.upper(), s.lower(), s.title(), s.capitalize(), s.swapcase(), s.casefold())
print("café".isalpha(), "٣".isdigit(), "é1".isalnum(), "\u00a0".isspace(), "ÉA".isupper(), "éa".islower(), "Éa".isupper())
print("straße".upper(), "ǅ".lower(), "İ".lower(), len("İ".lower()), "ﬁ".upper(), "Ω".lower(), "ß".center(5, "é"))
print("x\u2003y\u00a0z".split(), "\u3000 a b \u3000".split(None, 1), "a\x1cb\x1fc".split(), "\x1c".isspace())
print(repr("\u2003ab\u00a0".strip()), repr("èéaé".strip("é")), repr("éaé".lstrip("é")), repr("xé".rstrip("é")), repr("ab".strip("é")))
print('  a b  '.split(None, 1), 'a b  '.split(maxsplit=1), 'a  '.split(None,0), ' a b '.split(None, 0))
