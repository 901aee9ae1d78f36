// Python source of the simulated `enum` module, after Lib/enum.py (3.11):
// EnumType (the metaclass: members in definition order, aliases, lookup by
// value `Color(1)` and by name `Color['RED']`, iteration, len, `in`,
// __members__, reassignment refused), Enum, IntEnum, StrEnum, Flag, IntFlag
// (combinations as pseudo-members named 'R|W', ~, iteration over a flag's
// bits), auto(), unique, and the functional API Enum('Name', 'A B C').
// str()/format() follow 3.11: IntEnum, IntFlag and StrEnum print their
// value, the others 'Class.MEMBER'; 3.10 printed 'Class.MEMBER' for all and
// formatted mixed-in enums by value (_PY_MINOR, set by the importer).
// Model notes: the class body's namespace is a plain dict, so a name bound
// twice in the body keeps its last value instead of raising; Flag
// boundaries (STRICT/CONFORM/EJECT/KEEP) are not modelled: unknown bits of
// a Flag raise ValueError, of an IntFlag are kept (KEEP, IntFlag's default).
namespace pitfall::sim {

extern const char* const kEnumPy = R"PY(
_PY_MINOR = 11


class auto:
    _counter = 0

    def __init__(self, value=None):
        self.value = value
        auto._counter += 1
        self._order = auto._counter

    def __repr__(self):
        return "auto(%r)" % (self.value,)


def _is_dunder(name):
    return len(name) > 4 and name[:2] == name[-2:] == '__' and name[2] != '_' and name[-3] != '_'


def _is_sunder(name):
    return len(name) > 2 and name[0] == name[-1] == '_' and name[1] != '_' and name[-2] != '_'


def _is_descriptor(obj):
    return callable(obj) or isinstance(obj, (property, staticmethod, classmethod))


def _high_bit(value):
    return value.bit_length() - 1


class EnumType(type):
    def __new__(metacls, cls, bases, classdict, **kwds):
        member_names = []
        for key, value in list(classdict.items()):
            if _is_dunder(key) or _is_sunder(key) or _is_descriptor(value):
                continue
            if key in ('name', 'value') and isinstance(value, property):
                continue
            member_names.append(key)
        values = {}
        for key in member_names:
            values[key] = classdict.pop(key)
        enum_class = super().__new__(metacls, cls, bases, classdict, **kwds)
        enum_class._member_names_ = []
        enum_class._member_map_ = {}
        enum_class._value2member_map_ = {}
        enum_class._flag_mask_ = 0
        member_type = object
        for base in enum_class.__mro__[1:]:
            if base is not object and not issubclass(base, Enum) and base.__name__ in ('int', 'str', 'float'):
                member_type = base
                break
        enum_class._member_type_ = member_type
        if member_type is not object and '__repr__' not in classdict:
            # the data type's own __repr__ would win over Enum's in the MRO (EnumType.__new__)
            if getattr(enum_class, '__repr__') is getattr(member_type, '__repr__'):
                for base in enum_class.__mro__[1:]:
                    if isinstance(base, EnumType) and '__repr__' in base.__dict__:
                        type.__setattr__(enum_class, '__repr__', base.__dict__['__repr__'])
                        break
        gen = getattr(enum_class, '_generate_next_value_')
        last_values = []
        for name in member_names:
            value = values[name]
            if isinstance(value, auto):
                if value.value is None:
                    value = gen(name, 1, len(last_values), last_values[:])
                else:
                    value = value.value
            elif isinstance(value, tuple) and any(isinstance(v, auto) for v in value):
                value = tuple(gen(name, 1, len(last_values), last_values[:]) if isinstance(v, auto) else v for v in value)
            last_values.append(value)
            enum_class._add_member_(name, value)
        return enum_class

    def _add_member_(cls, name, value):
        args = value if isinstance(value, tuple) else (value,)
        if cls._member_type_ is object:
            member = object.__new__(cls)
            member._value_ = value
        else:
            member = cls._member_type_.__new__(cls, *args)
            member._value_ = cls._member_type_(*args)
        member._name_ = name
        init = cls.__dict__.get('__init__') or next((b.__dict__['__init__'] for b in cls.__mro__[1:]
                                                     if '__init__' in b.__dict__ and issubclass(b, Enum)), None)
        if init is not None:
            init(member, *args)
        canonical = None
        try:
            canonical = cls._value2member_map_.get(member._value_)
        except TypeError:
            for m in cls._member_map_.values():
                if m._value_ == member._value_:
                    canonical = m
                    break
        if canonical is not None:
            member = canonical
        else:
            cls._member_names_.append(name)
            if isinstance(member._value_, int) and issubclass(cls, Flag):
                cls._flag_mask_ |= member._value_
            try:
                cls._value2member_map_[member._value_] = member
            except TypeError:
                pass
        cls._member_map_[name] = member
        type.__setattr__(cls, name, member)

    def __call__(cls, value, names=None, *, module=None, qualname=None, type=None, start=1):
        if names is None:
            return cls._lookup_(value)
        return cls._create_(value, names, type=type, start=start)

    def _lookup_(cls, value):
        if isinstance(value, cls):
            return value
        try:
            return cls._value2member_map_[value]
        except (KeyError, TypeError):
            pass
        for member in cls._member_map_.values():
            if member._value_ == value:
                return member
        result = cls._missing_(value)
        if isinstance(result, cls):
            return result
        if result is None:
            raise ValueError("%r is not a valid %s" % (value, cls.__qualname__))
        raise TypeError("error in %s._missing_: returned %r instead of None or a valid member" % (cls.__name__, result))

    def _create_(cls, class_name, names, type=None, start=1):
        if isinstance(names, str):
            names = names.replace(',', ' ').split()
        items = []
        if isinstance(names, dict):
            items = list(names.items())
        else:
            last = []
            for i, n in enumerate(names):
                if isinstance(n, str):
                    v = cls._generate_next_value_(n, start, i, last[:])
                    last.append(v)
                    items.append((n, v))
                else:
                    items.append(tuple(n))
        bases = (cls,) if type is None else (type, cls)
        return EnumType(class_name, bases, dict(items))

    def __iter__(cls):
        return (cls._member_map_[name] for name in cls._member_names_)

    def __reversed__(cls):
        return (cls._member_map_[name] for name in reversed(cls._member_names_))

    def __len__(cls):
        return len(cls._member_names_)

    def __bool__(cls):
        return True

    def __contains__(cls, member):
        if not isinstance(member, Enum):
            raise TypeError("unsupported operand type(s) for 'in': '%s' and '%s'" % (
                type(member).__qualname__, cls.__class__.__qualname__))
        return isinstance(member, cls) and member._name_ in cls._member_map_

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __setattr__(cls, name, value):
        if name in cls.__dict__.get('_member_map_', {}):
            raise AttributeError('cannot reassign member %r' % (name, ))
        super().__setattr__(name, value)

    def __delattr__(cls, attr):
        if attr in cls._member_map_:
            raise AttributeError("%r cannot delete member %r." % (cls.__name__, attr))
        super().__delattr__(attr)

    @property
    def __members__(cls):
        return dict(cls._member_map_)

    def __repr__(cls):
        if Flag is not None and issubclass(cls, Flag):
            return "<flag %r>" % cls.__name__
        return "<enum %r>" % cls.__name__

EnumMeta = EnumType
Flag = None


class Enum(metaclass=EnumType):
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not last_values:
            return start
        try:
            last = sorted(last_values)[-1]
        except TypeError:
            last = last_values[-1]
        try:
            return last + 1
        except TypeError:
            raise TypeError('unable to sort non-numeric values') from None

    @classmethod
    def _missing_(cls, value):
        return None

    @property
    def name(self):
        return self._name_

    @property
    def value(self):
        return self._value_

    def __repr__(self):
        v_repr = self.__class__._value_repr_ if hasattr(self.__class__, '_value_repr_') else repr
        return "<%s.%s: %s>" % (self.__class__.__name__, self._name_, v_repr(self._value_))

    def __str__(self):
        return "%s.%s" % (self.__class__.__name__, self._name_)

    def __format__(self, format_spec):
        if _PY_MINOR < 11 and self._member_type_ is not object:
            return format(self._value_, format_spec)
        return format(str(self), format_spec)

    def __hash__(self):
        return hash(self._name_)

    def __reduce_ex__(self, proto):
        return self.__class__, (self._value_,)

    def __dir__(self):
        return ['__class__', '__doc__', '__eq__', '__hash__', '__module__', 'name', 'value']


class ReprEnum(Enum):
    def __str__(self):
        if _PY_MINOR < 11:
            return "%s.%s" % (self.__class__.__name__, self._name_)
        return str(self._value_)

    def __format__(self, format_spec):
        return format(self._value_, format_spec)


class IntEnum(int, ReprEnum):
    pass


class StrEnum(str, ReprEnum):
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()


class Flag(Enum):
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not count:
            return start if start is not None else 1
        last_value = max(last_values)
        try:
            high_bit = _high_bit(last_value)
        except Exception:
            raise TypeError('invalid flag value %r' % last_value) from None
        return 2 ** (high_bit + 1)

    @classmethod
    def _missing_(cls, value):
        if not isinstance(value, int):
            raise ValueError("%r is not a valid %s" % (value, cls.__qualname__))
        mask = cls._flag_mask_
        unknown = value & ~mask if value >= 0 else 0
        if (unknown or value < 0) and not issubclass(cls, int):
            raise ValueError("%r is not a valid %s" % (value, cls.__qualname__))
        if cls._member_type_ is object:
            pseudo = object.__new__(cls)
        else:
            pseudo = cls._member_type_.__new__(cls, value)
        pseudo._value_ = value
        names = [m._name_ for m in cls._iter_member_(value)]
        if unknown:
            names.append(str(unknown))
        pseudo._name_ = '|'.join(names) if names else None
        cls._value2member_map_.setdefault(value, pseudo)
        return cls._value2member_map_[value]

    @classmethod
    def _iter_member_(cls, value):
        # single-bit members in definition order (_iter_member_by_def_)
        for name in cls._member_names_:
            m = cls._member_map_[name]
            v = m._value_
            if v and v & (v - 1) == 0 and v & value == v:
                yield m

    def __iter__(self):
        return iter(list(self.__class__._iter_member_(self._value_)))

    def __len__(self):
        return bin(self._value_).count('1')

    def __contains__(self, other):
        if not isinstance(other, self.__class__):
            raise TypeError("unsupported operand type(s) for 'in': %r and %r" % (
                type(other).__qualname__, self.__class__.__qualname__))
        return other._value_ & self._value_ == other._value_

    def __bool__(self):
        return bool(self._value_)

    def __repr__(self):
        cls_name = self.__class__.__name__
        v_repr = repr
        if self._name_ is None:
            return "<%s: %s>" % (cls_name, v_repr(self._value_))
        return "<%s.%s: %s>" % (cls_name, self._name_, v_repr(self._value_))

    def __str__(self):
        cls_name = self.__class__.__name__
        if self._name_ is None:
            return '%s(%r)' % (cls_name, self._value_)
        return "%s.%s" % (cls_name, self._name_)

    def _other_value(self, other):
        if isinstance(other, self.__class__):
            return other._value_
        if self._member_type_ is not object and isinstance(other, self._member_type_):
            return other
        return NotImplemented

    def __or__(self, other):
        v = self._other_value(other)
        if v is NotImplemented:
            return NotImplemented
        return self.__class__(self._value_ | v)

    def __and__(self, other):
        v = self._other_value(other)
        if v is NotImplemented:
            return NotImplemented
        return self.__class__(self._value_ & v)

    def __xor__(self, other):
        v = self._other_value(other)
        if v is NotImplemented:
            return NotImplemented
        return self.__class__(self._value_ ^ v)

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__

    def __invert__(self):
        return self.__class__(self.__class__._flag_mask_ ^ self._value_)


class IntFlag(int, ReprEnum, Flag):
    __str__ = ReprEnum.__str__
    __format__ = ReprEnum.__format__

    def __repr__(self):
        return Flag.__repr__(self)


def unique(enumeration):
    duplicates = []
    for name, member in enumeration.__members__.items():
        if name != member.name:
            duplicates.append((name, member.name))
    if duplicates:
        alias_details = ', '.join(["%s -> %s" % (alias, name) for (alias, name) in duplicates])
        raise ValueError('duplicate values found in %r: %s' % (enumeration, alias_details))
    return enumeration
)PY";

}  // namespace pitfall::sim
