// Built-in type objects, singletons and the exception hierarchy
// (Objects/exceptions.c order and names).
#include "sim/objects/runtime.h"

#include <cstdint>
#include <iterator>

namespace pitfall::sim {

ClassObj* Runtime::new_builtin_type(const std::string& name, ClassObj* base, Tag instance_tag) {
  Ref r = make<ClassObj>(type_t, name);
  ClassObj* c = r.as<ClassObj>();
  c->builtin = true;
  c->instance_tag = instance_tag;
  c->dict = make<DictObj>(dict_t);
  c->mro.push_back(c);
  if (base) {
    c->bases.push_back(Ref(base));
    for (ClassObj* m : base->mro) c->mro.push_back(m);
  }
  all_types.push_back(r);
  return c;
}

ClassObj* Runtime::new_exception(const std::string& name, ClassObj* base) {
  ClassObj* c = new_builtin_type(name, base, Tag::Exception);
  c->is_exception = true;
  return c;
}

Runtime::Runtime() {
  // type and object first; dict_t is needed for class dicts, so patch afterwards
  type_t = new ClassObj(nullptr, "type");
  type_t->cls = type_t;
  object_t = new ClassObj(type_t, "object");
  dict_t = new ClassObj(type_t, "dict");
  for (ClassObj* c : {type_t, object_t, dict_t}) {
    c->builtin = true;
    all_types.push_back(Ref::adopt(c));
  }
  object_t->mro = {object_t};
  type_t->mro = {type_t, object_t};
  type_t->bases = {Ref(object_t)};
  dict_t->mro = {dict_t, object_t};
  dict_t->bases = {Ref(object_t)};
  dict_t->instance_tag = Tag::Dict;
  type_t->instance_tag = Tag::Class;
  for (ClassObj* c : {type_t, object_t, dict_t}) c->dict = make<DictObj>(dict_t);

  int_t = new_builtin_type("int", object_t, Tag::Int);
  bool_t = new_builtin_type("bool", int_t, Tag::Int);
  float_t = new_builtin_type("float", object_t, Tag::Float);
  str_t = new_builtin_type("str", object_t, Tag::Str);
  bytes_t = new_builtin_type("bytes", object_t, Tag::Bytes);
  none_t = new_builtin_type("NoneType", object_t, Tag::None);
  list_t = new_builtin_type("list", object_t, Tag::List);
  tuple_t = new_builtin_type("tuple", object_t, Tag::Tuple);
  set_t = new_builtin_type("set", object_t, Tag::Set);
  frozenset_t = new_builtin_type("frozenset", object_t, Tag::FrozenSet);
  range_t = new_builtin_type("range", object_t, Tag::Range);
  slice_t = new_builtin_type("slice", object_t, Tag::Slice);
  function_t = new_builtin_type("function", object_t, Tag::Func);
  builtin_t = new_builtin_type("builtin_function_or_method", object_t, Tag::Builtin);
  method_t = new_builtin_type("method", object_t, Tag::BoundMethod);
  cell_t = new_builtin_type("cell", object_t, Tag::Cell);
  code_t = new_builtin_type("code", object_t, Tag::Code);
  generator_t = new_builtin_type("generator", object_t, Tag::Generator);
  coroutine_t = new_builtin_type("coroutine", object_t, Tag::Generator);
  async_generator_t = new_builtin_type("async_generator", object_t, Tag::Generator);
  async_gen_asend_t = new_builtin_type("async_generator_asend", object_t, Tag::Other);
  async_gen_athrow_t = new_builtin_type("async_generator_athrow", object_t, Tag::Other);
  anext_awaitable_t = new_builtin_type("anext_awaitable", object_t, Tag::Other);
  iterator_t = new_builtin_type("iterator", object_t, Tag::Iter);
  module_t = new_builtin_type("module", object_t, Tag::Module);
  property_t = new_builtin_type("property", object_t, Tag::Property);
  staticmethod_t = new_builtin_type("staticmethod", object_t, Tag::StaticMethod);
  classmethod_t = new_builtin_type("classmethod", object_t, Tag::ClassMethod);
  super_t = new_builtin_type("super", object_t, Tag::Super);
  notimpl_t = new_builtin_type("NotImplementedType", object_t, Tag::Other);
  ellipsis_t = new_builtin_type("ellipsis", object_t, Tag::Other);
  defaultdict_t = new_builtin_type("defaultdict", dict_t, Tag::Dict);
  defaultdict_t->module = "collections";
  counter_t = new_builtin_type("Counter", dict_t, Tag::Dict);
  counter_t->module = "collections";
  ordereddict_t = new_builtin_type("OrderedDict", dict_t, Tag::Dict);
  ordereddict_t->module = "collections";
  deque_t = new_builtin_type("deque", object_t, Tag::Other);
  deque_t->module = "collections";

  BaseException = new_exception("BaseException", object_t);
  SystemExit = new_exception("SystemExit", BaseException);
  KeyboardInterrupt = new_exception("KeyboardInterrupt", BaseException);
  GeneratorExit = new_exception("GeneratorExit", BaseException);
  Exception = new_exception("Exception", BaseException);
  StopIteration = new_exception("StopIteration", Exception);
  StopAsyncIteration = new_exception("StopAsyncIteration", Exception);
  ArithmeticError = new_exception("ArithmeticError", Exception);
  OverflowError = new_exception("OverflowError", ArithmeticError);
  ZeroDivisionError = new_exception("ZeroDivisionError", ArithmeticError);
  AssertionError = new_exception("AssertionError", Exception);
  AttributeError = new_exception("AttributeError", Exception);
  ImportError = new_exception("ImportError", Exception);
  ModuleNotFoundError = new_exception("ModuleNotFoundError", ImportError);
  LookupError = new_exception("LookupError", Exception);
  IndexError = new_exception("IndexError", LookupError);
  KeyError = new_exception("KeyError", LookupError);
  MemoryError = new_exception("MemoryError", Exception);
  NameError = new_exception("NameError", Exception);
  UnboundLocalError = new_exception("UnboundLocalError", NameError);
  OSError = new_exception("OSError", Exception);
  FileNotFoundError = new_exception("FileNotFoundError", OSError);
  TimeoutError = new_exception("TimeoutError", OSError);
  RuntimeError = new_exception("RuntimeError", Exception);
  NotImplementedError = new_exception("NotImplementedError", RuntimeError);
  RecursionError = new_exception("RecursionError", RuntimeError);
  SyntaxError = new_exception("SyntaxError", Exception);
  TypeError = new_exception("TypeError", Exception);
  ValueError = new_exception("ValueError", Exception);
  UnicodeError = new_exception("UnicodeError", ValueError);
  Warning = new_exception("Warning", Exception);
  DeprecationWarning = new_exception("DeprecationWarning", Warning);
  UserWarning = new_exception("UserWarning", Warning);
  CancelledError = new_exception("CancelledError", BaseException);
  CancelledError->module = "asyncio.exceptions";
  UnsupportedError = new_exception("NotModelledError", RuntimeError);
  UnsupportedError->module = "pitfall";

  None = make<Obj>(none_t, Tag::None);
  True = make<IntObj>(bool_t, 1);
  False = make<IntObj>(bool_t, 0);
  NotImplemented = make<Obj>(notimpl_t, Tag::Other);
  Ellipsis = make<Obj>(ellipsis_t, Tag::Other);
  for (int i = 0; i < 262; ++i) small_ints[i] = make<IntObj>(int_t, i - 5);
  empty_tuple = make<TupleObj>(tuple_t);
}

Runtime::~Runtime() {
  interned.clear();
  // break type <-> dict cycles so everything is released
  for (auto& t : all_types) {
    ClassObj* c = t.as<ClassObj>();
    if (c->dict) c->dict.as<DictObj>()->entries.clear();
    c->bases.clear();
  }
  for (auto& t : all_types) t.as<ClassObj>()->dict.reset();
  std::vector<Ref> keep;
  keep.swap(all_types);
  keep.clear();
}

Ref Runtime::intern(std::string_view s) {
  InternHit& hit = intern_hits[(reinterpret_cast<std::uintptr_t>(s.data()) >> 3) % std::size(intern_hits)];
  if (hit.text == s.data() && hit.str && std::string_view(hit.str->s) == s) return Ref(hit.str);
  auto it = interned.find(std::string(s));
  Ref r;
  if (it != interned.end()) {
    r = it->second;
  } else {
    r = make_str(std::string(s));
    r.as<StrObj>()->interned = true;
    interned.emplace(std::string(s), r);
  }
  hit = InternHit{s.data(), r.as<StrObj>()};
  return r;
}

Ref Runtime::make_tuple(std::vector<Ref> items) {
  if (items.empty() && empty_tuple) return empty_tuple;  // CPython's one empty tuple
  Ref t = make<TupleObj>(tuple_t);
  t.as<TupleObj>()->items = std::move(items);
  return t;
}

}  // namespace pitfall::sim
