// The interpreter-wide state every object needs: the built-in type objects,
// singletons (None, True, False, Ellipsis, NotImplemented), the small-int cache
// and the intern table. One Runtime per simulation; no globals shared across
// simulations except the `current` pointer used by destructors.
#pragma once
#include <string>
#include <string_view>
#include <unordered_map>

#include "sim/objects/object.h"

namespace pitfall::sim {

class VM;
class VmMemory;

struct Runtime {
  Runtime();
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  ClassObj *type_t, *object_t, *int_t, *bool_t, *float_t, *str_t, *bytes_t, *none_t, *list_t,
      *tuple_t, *dict_t, *set_t, *frozenset_t, *range_t, *slice_t, *function_t, *builtin_t,
      *method_t, *cell_t, *code_t, *generator_t, *coroutine_t, *async_generator_t, *async_gen_asend_t, *async_gen_athrow_t, *anext_awaitable_t, *iterator_t, *module_t,
      *property_t, *staticmethod_t, *classmethod_t, *super_t, *notimpl_t, *ellipsis_t,
      *defaultdict_t, *counter_t, *deque_t, *ordereddict_t;
  ClassObj *BaseException, *Exception, *TypeError, *ValueError, *NameError, *UnboundLocalError,
      *AttributeError, *KeyError, *IndexError, *LookupError, *ZeroDivisionError, *ArithmeticError,
      *OverflowError, *StopIteration, *StopAsyncIteration, *RuntimeError, *RecursionError,
      *NotImplementedError, *AssertionError, *ImportError, *ModuleNotFoundError, *MemoryError,
      *KeyboardInterrupt, *SystemExit, *GeneratorExit, *UnicodeError, *OSError, *FileNotFoundError,
      *TimeoutError, *CancelledError, *UnsupportedError, *Warning, *DeprecationWarning, *UserWarning,
      *SyntaxError;

  Ref None, True, False, NotImplemented, Ellipsis;
  int python_minor = 11;  // the CPython 3.x modelled (str hashes of compile-time constants)
  Ref small_ints[262];  // -5..256
  Ref empty_tuple;      // the () constant of compiled code (CPython's empty-tuple singleton)

  std::vector<Ref> all_types;  // keeps built-in types alive (they reference each other)
  std::unordered_map<std::string, Ref> interned;
  // intern()'s recent answers by the caller's text address (host speed only:
  // dunder names looked up per call come from the same literal every time);
  // a hit also compares the text, so a reused address never answers wrongly.
  struct InternHit { const char* text = nullptr; StrObj* str = nullptr; };
  InternHit intern_hits[128];

  // (inline: the cached small ints are the most made; a new IntObj is made out of line)
  [[gnu::always_inline]] Ref make_int(std::int64_t v) {
    if (v >= -5 && v <= 256) return small_ints[v + 5];
    return make_int_object(v);
  }
  // (vm/scalar_objects.cpp: told to the memory layer without a virtual call)
  [[gnu::noinline]] Ref make_int_object(std::int64_t v);
  // Every int result goes through make_int: a value that fits int64 becomes an IntObj.
  Ref make_int(const pylib::BigInt& v) {
    if (auto s = v.to_int64()) return make_int(*s);
    return make<BigIntObj>(int_t, v);
  }
  // An int from a C Py_ssize_t (PyLong_FromSsize_t: len(), hash(),
  // enumerate's index, str.find/count, list.index/count): CPython allocates
  // it with exactly its digits (28 bytes for one digit), not through the
  // medium-int fast path of arithmetic (32 bytes, sizeof(PyLongObject)).
  Ref make_int_ssize(std::int64_t v) {
    Ref r = make_int(v);
    if (r->tag == Tag::Int && !(v >= -5 && v <= 256)) r->exact_int = 1;
    return r;
  }
  // An int parsed from text (PyLong_FromString: int(str), json): also sized
  // by its digits.
  Ref make_int_parsed(const pylib::BigInt& v) {
    if (auto s = v.to_int64()) return make_int_ssize(*s);
    return make_int(v);
  }
  Ref make_bool(bool b) { return b ? True : False; }
  Ref make_float(double v) { return make_float_object(v); }
  [[gnu::noinline]] Ref make_float_object(double v);  // (vm/scalar_objects.cpp)
  // The VM's memory layer while it is the heap's hooks (it sets this): the
  // ints and floats made here go to it directly. Host speed only.
  VmMemory* scalar_memory = nullptr;
  Ref make_str(std::string s) { return make<StrObj>(str_t, std::move(s)); }
  Ref intern(std::string_view s);
  Ref make_list() { return make<ListObj>(list_t); }
  Ref make_tuple(std::vector<Ref> items);
  Ref make_dict() { return make<DictObj>(dict_t); }
  ClassObj* new_builtin_type(const std::string& name, ClassObj* base, Tag instance_tag);
  ClassObj* new_exception(const std::string& name, ClassObj* base);
};

}  // namespace pitfall::sim
