#include "sim/modules/iterator_types.h"

#include <cstring>

namespace pitfall::sim {

namespace {
bool named(const Obj* o, const VM& vm) {
  if (o->tag != Tag::Iter || o->cls != vm.rt.iterator_t) return false;
  const char* n = static_cast<const IterObj*>(o)->type_name;
  return n && std::strcmp(n, "iterator") != 0 && std::strcmp(n, "generator") != 0 && std::strcmp(n, "coroutine") != 0 &&
         std::strcmp(n, "Future") != 0;
}
}  // namespace

Ref iterator_type(VM& vm, const Ref& o) {
  if (!named(o.get(), vm)) return Ref(o->cls);
  const std::string full = static_cast<const IterObj*>(o.get())->type_name;
  Ref key = vm.rt.intern("__pitfall_iter_" + full);
  DictObj* b = vm.builtins.as<DictObj>();
  if (Ref t = vm.dict_get_str(b, key.as<StrObj>()); t && t->tag == Tag::Class) return t;
  const auto dot = full.rfind('.');
  ClassObj* c = vm.rt.new_builtin_type(dot == std::string::npos ? full : full.substr(dot + 1), vm.rt.iterator_t, Tag::Iter);
  if (dot != std::string::npos) c->module = full.substr(0, dot);
  vm.dict_set(b, key, Ref(c));
  return Ref(c);
}

bool is_iterator_type_of(VM& vm, const Ref& o, const ClassObj* c) {
  if (!named(o.get(), vm) || !c->builtin || c->mro.size() < 2 || c->mro[1] != vm.rt.iterator_t) return false;
  return iterator_type(vm, o).get() == c;
}

}  // namespace pitfall::sim
