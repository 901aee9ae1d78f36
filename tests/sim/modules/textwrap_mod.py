# textwrap: wrap, fill, shorten, dedent, indent, TextWrapper options.
import textwrap

print(textwrap.fill("the quick brown fox jumps over the lazy dog " * 3, width=30))
print(textwrap.wrap("Hello world, this is a long sentence to wrap around.", width=12))
print(textwrap.shorten("Hello world, this is long", width=15), "|", textwrap.dedent("    a\n      b\n    c"), "|", textwrap.indent("x\ny", "> "))
print(textwrap.fill("a-b-c-d-e-f-g-h-i-j long-hyphenated-words-here", width=10, break_long_words=False))
w = textwrap.TextWrapper(width=20, initial_indent="* ", subsequent_indent="  ", max_lines=3, placeholder=" ...")
print(w.fill("one two three four five six seven eight nine ten eleven twelve"))
print(textwrap.wrap("tabs\there and\ttabs", width=10, expand_tabs=True, tabsize=4))
