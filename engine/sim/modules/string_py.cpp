// Python source of the simulated `string` module (Lib/string.py): the
// character-class constants, capwords, and Template with substitute /
// safe_substitute. Template's pattern is Lib/string.py's default one
// ($$, $identifier, ${identifier}, anything else after $ is invalid), parsed
// by hand because the simulator has no `re`.
namespace pitfall::sim {

extern const char* const kStringPy = R"PY(
whitespace = ' \t\n\r\x0b\x0c'
ascii_lowercase = 'abcdefghijklmnopqrstuvwxyz'
ascii_uppercase = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
ascii_letters = ascii_lowercase + ascii_uppercase
digits = '0123456789'
hexdigits = digits + 'abcdef' + 'ABCDEF'
octdigits = '01234567'
punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    return (sep or ' ').join(map(str.capitalize, s.split(sep)))


def _is_ident_start(c):
    return c == '_' or ('a' <= c <= 'z') or ('A' <= c <= 'Z')


def _is_ident_char(c):
    return _is_ident_start(c) or ('0' <= c <= '9')


class Template:
    delimiter = '$'

    def __init__(self, template):
        self.template = template

    def _line_col(self, i):
        lines = self.template[:i].splitlines(keepends=True)
        if not lines:
            return 1, 1
        return len(lines), i - len(''.join(lines[:-1]))

    def _sub(self, mapping, kws, safe):
        if mapping is None:
            mapping = kws
        elif kws:
            merged = dict(mapping)
            merged.update(kws)
            mapping = merged
        t = self.template
        out = []
        i = 0
        n = len(t)
        while i < n:
            j = t.find('$', i)
            if j < 0:
                out.append(t[i:])
                break
            out.append(t[i:j])
            k = j + 1
            if k < n and t[k] == '$':
                out.append('$')
                i = k + 1
                continue
            braced = k < n and t[k] == '{'
            s = k + 1 if braced else k
            e = s
            if e < n and t[e].isascii() and _is_ident_start(t[e]):
                e += 1
                while e < n and t[e].isascii() and _is_ident_char(t[e]):
                    e += 1
            name = t[s:e]
            ok = bool(name) and (not braced or (e < n and t[e] == '}'))
            if not ok:
                if safe:
                    out.append('$')
                    i = k
                    continue
                line, col = self._line_col(k)
                raise ValueError('Invalid placeholder in string: line %d, col %d' % (line, col))
            end = e + 1 if braced else e
            if safe:
                try:
                    out.append(str(mapping[name]))
                except KeyError:
                    out.append(t[j:end])
            else:
                out.append(str(mapping[name]))
            i = end
        return ''.join(out)

    def substitute(self, mapping=None, /, **kws):
        return self._sub(mapping, kws, False)

    def safe_substitute(self, mapping=None, /, **kws):
        return self._sub(mapping, kws, True)

    def get_identifiers(self):
        ids = []
        t = self.template
        i = 0
        while True:
            j = t.find('$', i)
            if j < 0 or j + 1 >= len(t):
                return ids
            k = j + 1
            if t[k] == '$':
                i = k + 1
                continue
            braced = t[k] == '{'
            s = k + 1 if braced else k
            e = s
            while e < len(t) and t[e].isascii() and _is_ident_char(t[e]) and (e > s or _is_ident_start(t[e])):
                e += 1
            name = t[s:e]
            if name and (not braced or (e < len(t) and t[e] == '}')) and name not in ids:
                ids.append(name)
            i = max(e, k)

    def is_valid(self):
        try:
            self._sub({}, {}, True)
        except ValueError:
            return False
        t = self.template
        i = 0
        while True:
            j = t.find('$', i)
            if j < 0:
                return True
            k = j + 1
            if k >= len(t):
                return False
            if t[k] == '$':
                i = k + 1
                continue
            braced = t[k] == '{'
            s = k + 1 if braced else k
            if s >= len(t) or not (t[s].isascii() and _is_ident_start(t[s])):
                return False
            e = s
            while e < len(t) and t[e].isascii() and _is_ident_char(t[e]):
                e += 1
            if braced and (e >= len(t) or t[e] != '}'):
                return False
            i = e
)PY";

}  // namespace pitfall::sim
