// Python source of the parts of `collections` written in Python in CPython
// itself (Lib/collections/__init__.py, 3.11): Counter's multiset arithmetic
// (+ - | & and their in-place forms, unary + and -), rich comparisons,
// elements, subtract and total; OrderedDict.move_to_end and popitem(last=);
// and ChainMap. collections_module.cpp installs the Counter / OrderedDict
// functions as methods of the built-in classes and ChainMap in the module.
// Model note: OrderedDict is a plain insertion-ordered dict here, so
// move_to_end(last=False) rebuilds the order (O(n)) where CPython's linked
// list is O(1).
namespace pitfall::sim {

extern const char* const kCollectionsPy = R"PY(
def _keep_positive(self):
    nonpositive = [elem for elem, count in self.items() if not count > 0]
    for elem in nonpositive:
        del self[elem]
    return self


def __add__(self, other):
    if not isinstance(other, Counter):
        return NotImplemented
    result = Counter()
    for elem, count in self.items():
        newcount = count + other[elem]
        if newcount > 0:
            result[elem] = newcount
    for elem, count in other.items():
        if elem not in self and count > 0:
            result[elem] = count
    return result


def __sub__(self, other):
    if not isinstance(other, Counter):
        return NotImplemented
    result = Counter()
    for elem, count in self.items():
        newcount = count - other[elem]
        if newcount > 0:
            result[elem] = newcount
    for elem, count in other.items():
        if elem not in self and count < 0:
            result[elem] = 0 - count
    return result


def __or__(self, other):
    if not isinstance(other, Counter):
        return NotImplemented
    result = Counter()
    for elem, count in self.items():
        other_count = other[elem]
        newcount = other_count if count < other_count else count
        if newcount > 0:
            result[elem] = newcount
    for elem, count in other.items():
        if elem not in self and count > 0:
            result[elem] = count
    return result


def __and__(self, other):
    if not isinstance(other, Counter):
        return NotImplemented
    result = Counter()
    for elem, count in self.items():
        other_count = other[elem]
        newcount = count if count < other_count else other_count
        if newcount > 0:
            result[elem] = newcount
    return result


def __pos__(self):
    result = Counter()
    for elem, count in self.items():
        if count > 0:
            result[elem] = count
    return result


def __neg__(self):
    result = Counter()
    for elem, count in self.items():
        if count < 0:
            result[elem] = 0 - count
    return result


def __iadd__(self, other):
    for elem, count in other.items():
        self[elem] += count
    return _keep_positive(self)


def __isub__(self, other):
    for elem, count in other.items():
        self[elem] -= count
    return _keep_positive(self)


def __ior__(self, other):
    for elem, other_count in other.items():
        count = self[elem]
        if other_count > count:
            self[elem] = other_count
    return _keep_positive(self)


def __iand__(self, other):
    for elem, count in list(self.items()):
        other_count = other[elem]
        if other_count < count:
            self[elem] = other_count
    return _keep_positive(self)


def __eq__(self, other):
    if not isinstance(other, Counter):
        return NotImplemented
    return all(self[e] == other[e] for c in (self, other) for e in c)


def __ne__(self, other):
    if not isinstance(other, Counter):
        return NotImplemented
    return not self == other


def __le__(self, other):
    if not isinstance(other, Counter):
        return NotImplemented
    return all(self[e] <= other[e] for c in (self, other) for e in c)


def __lt__(self, other):
    if not isinstance(other, Counter):
        return NotImplemented
    return self <= other and self != other


def __ge__(self, other):
    if not isinstance(other, Counter):
        return NotImplemented
    return all(self[e] >= other[e] for c in (self, other) for e in c)


def __gt__(self, other):
    if not isinstance(other, Counter):
        return NotImplemented
    return self >= other and self != other


def elements(self):
    for elem, count in self.items():
        for _ in range(count):
            yield elem


def subtract(self, iterable=None, /, **kwds):
    if iterable is not None:
        if hasattr(iterable, 'items'):
            for elem, count in iterable.items():
                self[elem] = self.get(elem, 0) - count
        else:
            for elem in iterable:
                self[elem] = self.get(elem, 0) - 1
    if kwds:
        subtract(self, kwds)


def total(self):
    return sum(self.values())


def move_to_end(self, key, last=True):
    value = self.pop(key)
    if last:
        self[key] = value
        return
    rest = list(self.items())
    self.clear()
    self[key] = value
    for k, v in rest:
        self[k] = v


def popitem(self, last=True):
    if not self:
        raise KeyError('dictionary is empty')
    key = next(reversed(self)) if last else next(iter(self))
    value = self.pop(key)
    return key, value


class MappingView:
    # collections.abc's generic views over any mapping (ChainMap's keys(),
    # items() and values()): live, sized, iterable, with `in` and set algebra
    def __init__(self, mapping):
        self._mapping = mapping

    def __len__(self):
        return len(self._mapping)

    def __repr__(self):
        return '{0.__class__.__name__}({0._mapping!r})'.format(self)

    def __eq__(self, other):
        if isinstance(other, (set, frozenset, MappingView)):
            return len(self) == len(other) and all(x in other for x in self)
        return NotImplemented

    def __and__(self, other):
        return {x for x in other if x in self}

    def __or__(self, other):
        return set(self) | set(other)

    def __sub__(self, other):
        other = set(other)
        return {x for x in self if x not in other}

    def __xor__(self, other):
        return set(self) ^ set(other)


class KeysView(MappingView):
    def __contains__(self, key):
        return key in self._mapping

    def __iter__(self):
        yield from self._mapping


class ItemsView(MappingView):
    def __contains__(self, item):
        key, value = item
        try:
            v = self._mapping[key]
        except KeyError:
            return False
        return v is value or v == value

    def __iter__(self):
        for key in self._mapping:
            yield (key, self._mapping[key])


class ValuesView(MappingView):
    __eq__ = object.__eq__
    __and__ = __or__ = __sub__ = __xor__ = None

    def __contains__(self, value):
        for key in self._mapping:
            v = self._mapping[key]
            if v is value or v == value:
                return True
        return False

    def __iter__(self):
        for key in self._mapping:
            yield self._mapping[key]


class ChainMap:
    def __init__(self, *maps):
        self.maps = list(maps) or [{}]

    def __missing__(self, key):
        raise KeyError(key)

    def __getitem__(self, key):
        for mapping in self.maps:
            if key in mapping:
                return mapping[key]
        return self.__missing__(key)

    def get(self, key, default=None):
        return self[key] if key in self else default

    def __len__(self):
        return len(set().union(*self.maps))

    def __iter__(self):
        d = {}
        for mapping in reversed(self.maps):
            d.update(dict.fromkeys(mapping))
        return iter(d)

    def __contains__(self, key):
        return any(key in m for m in self.maps)

    def __bool__(self):
        return any(self.maps)

    def __repr__(self):
        return f'{self.__class__.__name__}({", ".join(map(repr, self.maps))})'

    @classmethod
    def fromkeys(cls, iterable, *args):
        return cls(dict.fromkeys(iterable, *args))

    def copy(self):
        return self.__class__(self.maps[0].copy(), *self.maps[1:])

    __copy__ = copy

    def new_child(self, m=None, **kwargs):
        if m is None:
            m = kwargs
        elif kwargs:
            m.update(kwargs)
        return self.__class__(m, *self.maps)

    @property
    def parents(self):
        return self.__class__(*self.maps[1:])

    def __setitem__(self, key, value):
        self.maps[0][key] = value

    def __delitem__(self, key):
        try:
            del self.maps[0][key]
        except KeyError:
            raise KeyError(f'Key not found in the first mapping: {key!r}')

    def popitem(self):
        try:
            return self.maps[0].popitem()
        except KeyError:
            raise KeyError('No keys found in the first mapping.')

    def pop(self, key, *args):
        try:
            return self.maps[0].pop(key, *args)
        except KeyError:
            raise KeyError(f'Key not found in the first mapping: {key!r}')

    def clear(self):
        self.maps[0].clear()

    def keys(self):
        return KeysView(self)

    def items(self):
        return ItemsView(self)

    def values(self):
        return ValuesView(self)

    def __eq__(self, other):
        return dict(self.items()) == dict(other.items())

    def __or__(self, other):
        m = self.copy()
        m.maps[0].update(other)
        return m

    def __ior__(self, other):
        self.maps[0].update(other)
        return self
)PY";

}  // namespace pitfall::sim
