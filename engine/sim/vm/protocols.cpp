// Object protocols shared by instructions and built-ins: attribute lookup
// (Objects/object.c PyObject_GenericGetAttr), calls, arithmetic and
// comparison with reflected dunders (Objects/abstract.c), truth, hashing,
// containment, subscripts and iteration.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "sim/vm/name_suggestions.h"
#include "sim/modules/generic_alias.h"
#include "sim/modules/iterator_types.h"
#include "sim/compiler/docstring.h"
#include "sim/modules/bytes_methods.h"
#include "sim/modules/class_creation.h"
#include "sim/pylib/hash.h"
#include "sim/vm/builtin_call.h"
#include "sim/vm/builtin_call_costs.h"
#include "sim/vm/class_assignment.h"
#include "sim/vm/coro_frames.h"
#include "sim/vm/instance_new.h"
#include "sim/vm/frame_objects.h"
#include "sim/vm/int_ops.h"
#include "sim/vm/vm_memory.h"
#include "sim/vm/native_attrs.h"
#include "sim/vm/set_ops.h"
#include "sim/vm/user_descriptors.h"
#include "sim/vm/weakref_proxy.h"
#include "sim/vm/vm.h"
#include "sim/vm/weakrefs.h"

namespace pitfall::sim {

namespace {
StrObj* S(VM& vm, const char* s) { return vm.rt.intern(s).as<StrObj>(); }
bool is_num(const Obj* o) { return o->tag == Tag::Int || o->tag == Tag::Float || o->tag == Tag::BigInt; }
double num(const Obj* o) {
  if (o->tag == Tag::BigInt) { auto d = static_cast<const BigIntObj*>(o)->v.to_double(); return d ? *d : HUGE_VAL; }
  return o->tag == Tag::Int ? double(static_cast<const IntObj*>(o)->v) : static_cast<const FloatObj*>(o)->v;
}
}  // namespace

std::string VM::type_name(const Ref& o) const { return o->cls->name; }

bool VM::is_subclass(ClassObj* a, ClassObj* b) {
  for (ClassObj* m : a->mro) if (m == b) return true;
  return false;
}
bool VM::isinstance(const Ref& o, ClassObj* t) { return is_subclass(o->cls, t); }
bool VM::matches(const Ref& e, ClassObj* t) { return e && is_subclass(e->cls, t); }

// The MRO walk behind lookup_type when the type cache has no current entry:
// out of line, so that a cache hit runs without this loop's frame.
[[gnu::noinline]] static Obj* lookup_type_walk(VM& vm, ClassObj* t, StrObj* name, bool cached) {
  Obj* found = nullptr;
  for (ClassObj* m : t->mro) {
    DictObj* d = m->dict.as<DictObj>();
    if (cached) d->type_dict = true;  // a change to it now moves the cache's epoch
    Ref v = vm.dict_get_str(d, name);
    if (v) { found = v.get(); break; }
  }
  if (cached) vm.type_cache.store(t, name, found);
  return found;
}

Ref VM::lookup_type(ClassObj* t, StrObj* name) {
  const bool cached = name->interned;  // type_cache.h
  if (cached)
    if (const TypeAttrCache::Entry* e = type_cache.find(t, name)) return Ref(e->value);
  return Ref(lookup_type_walk(*this, t, name, cached));
}

Ref VM::getattr_opt(const Ref& o, StrObj* name) {
  Ref v = getattr(o, name);
  if (!v && matches(exc, rt.AttributeError)) exc.reset();
  return v;
}

static Ref bind(VM& vm, const Ref& descr, const Ref& obj, ClassObj* type) {
  switch (descr->tag) {
    case Tag::Func: return obj ? make<BoundMethodObj>(vm.rt.method_t, descr, obj) : descr;
    case Tag::Builtin:
      if (descr.as<BuiltinObj>()->is_method && obj) return make<BoundMethodObj>(vm.rt.method_t, descr, obj);
      return descr;
    case Tag::StaticMethod: return descr.as<WrapperObj>()->f;
    case Tag::ClassMethod: return make<BoundMethodObj>(vm.rt.method_t, descr.as<WrapperObj>()->f, Ref(type));
    case Tag::Property:
      if (!obj) return descr;
      if (!descr.as<PropertyObj>()->fget) return vm.raise(vm.rt.AttributeError, "property has no getter");
      ++vm.property_gets;
      return vm.call1(descr.as<PropertyObj>()->fget, obj);
    case Tag::Other: case Tag::Instance: {
      // descriptor protocol (Objects/object.c): a class attribute whose type defines __get__
      if (descr->cls->builtin && descr->tag == Tag::Instance) return descr;
      Ref get = vm.lookup_type(descr->cls, vm.rt.intern("__get__").as<StrObj>());
      if (!get) return descr;
      Ref args[3] = {descr, obj ? obj : vm.rt.None, Ref(type)};
      return vm.call(get, args, 3);
    }
    default: return descr;
  }
}

Ref VM::getattr(const Ref& o, StrObj* name) {
  switch (o->tag) {
    case Tag::Module: {
      Ref v = dict_get_str(o.as<ModuleObj>()->dict.as<DictObj>(), name);
      if (v) return v;
      return raise_attribute_error(*this, o, name, "module '" + o.as<ModuleObj>()->name + "' has no attribute '" + name->s + "'");
    }
    case Tag::Class: {
      ClassObj* c = o.as<ClassObj>();
      Ref v = lookup_type(c, name);
      if (v) {
        if (v->tag == Tag::ClassMethod) return make<BoundMethodObj>(rt.method_t, v.as<WrapperObj>()->f, o);
        if (v->tag == Tag::StaticMethod) return v.as<WrapperObj>()->f;
        if (v->tag == Tag::Instance && !v->cls->builtin) return user_descriptor_get(*this, v, Ref(), c);  // __get__(None, cls)
        return v;
      }
      if (name->s == "__name__") return rt.make_str(c->name);
      if (name->s == "__qualname__") return rt.make_str(c->name);
      if (name->s == "__mro__") { std::vector<Ref> m; for (auto* x : c->mro) m.push_back(Ref(x)); return rt.make_tuple(m); }
      if (name->s == "__bases__") return rt.make_tuple(c->bases);
      if (name->s == "__base__") return c->bases.empty() ? rt.None : c->bases[0];
      if (name->s == "__dict__") return c->dict;
      if (name->s == "__module__") return rt.make_str(c->module);
      if (name->s == "__class__") return Ref(c->cls);
      if (name->s == "__doc__" && !c->builtin) return rt.None;  // no docstring in the class body
      // metaclass attributes: a Python metaclass's, then type's methods
      if (c->cls != rt.type_t && !c->cls->builtin)
        if (Ref mv = lookup_type(c->cls, name)) return bind(*this, mv, o, c->cls);
      Ref tv = lookup_type(rt.type_t, name);
      if (tv) return bind(*this, tv, o, rt.type_t);
      return raise_attribute_error(*this, o, name, "type object '" + c->name + "' has no attribute '" + name->s + "'");
    }
    case Tag::Super: {
      SuperObj* so = o.as<SuperObj>();
      // super(start, obj): obj is a class below `start` (class-level), else an instance
      // (including a class seen as an instance of its metaclass)
      bool class_level = so->obj->tag == Tag::Class && is_subclass(so->obj.as<ClassObj>(), so->start);
      ClassObj* t = class_level ? so->obj.as<ClassObj>() : so->obj->cls;
      bool after = false;
      for (ClassObj* m : t->mro) {
        if (after) {
          Ref v = dict_get_str(m->dict.as<DictObj>(), name);
          if (v) return bind(*this, v, class_level ? Ref() : so->obj, t);
        }
        if (m == so->start) after = true;
      }
      return raise(rt.AttributeError, "'super' object has no attribute '" + name->s + "'");
    }
    default: break;
  }
  ClassObj* t = o->cls;
  if (t->has_getattr) {  // a Python __getattribute__ (vm/user_descriptors.h)
    bool handled = false;
    Ref r = call_getattribute(*this, o, name, handled);
    if (handled) return r;
  }
  Ref descr = lookup_type(t, name);
  if (is_native_subclass_instance(o.get())) {
    Ref v;
    if (native_getattr(*this, o, name, descr, v)) return v;
  }
  if (descr && descr->tag == Tag::Property) return bind(*this, descr, o, t);
  if (descr && is_user_data_descriptor(*this, descr)) return user_descriptor_get(*this, descr, o, t);
  if (descr && descr->tag == Tag::Other && descr->cls == rt.object_t && dynamic_cast<SlotDescr*>(descr.get())) {
    auto* sd = static_cast<SlotDescr*>(descr.get());
    auto* io = o.as<InstanceObj>();
    if (sd->index < int(io->slots.size()) && io->slots[size_t(sd->index)]) return io->slots[size_t(sd->index)];
    return raise(rt.AttributeError, "'" + t->name + "' object has no attribute '" + name->s + "'");
  }
  if (o->tag == Tag::Instance || o->tag == Tag::Exception) {
    InstanceObj* io = o.as<InstanceObj>();
    if (io->dict) {
      Ref v = dict_get_str(io->dict.as<DictObj>(), name);
      if (v) return v;
    }
    if (o->tag == Tag::Exception) {
      auto* eo = o.as<ExceptionObj>();
      if (name->s == "args") return eo->args ? eo->args : rt.make_tuple({});
      if (name->s == "__cause__") return eo->cause ? eo->cause : rt.None;
      if (name->s == "__traceback__") return exception_traceback(*this, eo);
      if (name->s == "__context__") return eo->context ? eo->context : rt.None;
      if (name->s == "__suppress_context__") return eo->suppress_context ? rt.True : rt.False;
      if (t == rt.AttributeError || is_subclass(t, rt.AttributeError))
        if (Ref f = attribute_error_field(*this, eo, name->s)) return f;  // name / obj (vm/name_suggestions.h)
      if (name->s == "value" && is_subclass(t, rt.StopIteration)) return eo->value ? eo->value : rt.None;
      if (name->s == "code" && is_subclass(t, rt.SystemExit)) {  // SystemExit_init: None, the one argument, or args
        size_t n = eo->args ? eo->args.as<TupleObj>()->items.size() : 0;
        return n == 0 ? rt.None : n == 1 ? eo->args.as<TupleObj>()->items[0] : eo->args;
      }
    }
    if (name->s == "__dict__" && io->dict) {
      if (memory) memory->instance_dict_read(o.get());
      return io->dict;
    }
  } else if (o->tag == Tag::Cell && name->s == "cell_contents") {
    if (!o.as<CellObj>()->v) return raise(rt.ValueError, "Cell is empty");
    return o.as<CellObj>()->v;
  } else if (o->tag == Tag::Code) {
    if (Ref r = code_attribute(*this, o.as<CodeObj>(), name->s)) return r;  // frame_objects.h
  } else if (o->tag == Tag::Func) {
    FuncObj* fo = o.as<FuncObj>();
    if (name->s == "__name__") return fo->name;
    if (name->s == "__qualname__") return fo->qualname;
    if (name->s == "__code__") return fo->code;
    if (name->s == "__defaults__") return fo->defaults ? fo->defaults : rt.None;
    if (name->s == "__annotations__") { if (!fo->annotations) fo->annotations = rt.make_dict(); return fo->annotations; }
    if (name->s == "__kwdefaults__") return fo->kwdefaults ? fo->kwdefaults : rt.None;
    if (name->s == "__closure__") return fo->closure ? fo->closure : rt.None;
    if (name->s == "__globals__" && fo->globals) return fo->globals;
    if (name->s == "__module__") return rt.make_str("__main__");
    if (name->s == "__doc__") {
      if (fo->dict) if (Ref v = dict_get_str(fo->dict.as<DictObj>(), name)) return v;  // assigned (functools.wraps)
      const auto* co = fo->code.as<CodeObj>();
      return (co->flags & kCoHasDocstring) && !co->consts.empty() ? co->consts[0] : rt.None;
    }
    if (name->s == "__dict__") { if (!fo->dict) fo->dict = rt.make_dict(); return fo->dict; }
    if (fo->dict) { Ref v = dict_get_str(fo->dict.as<DictObj>(), name); if (v) return v; }
  } else if ((o->tag == Tag::ClassMethod || o->tag == Tag::StaticMethod) && (name->s == "__func__" || name->s == "__wrapped__")) {
    return o.as<WrapperObj>()->f;
  } else if (o->tag == Tag::Property && (name->s == "fget" || name->s == "fset" || name->s == "fdel")) {
    auto* p = o.as<PropertyObj>();
    const Ref& f = name->s == "fget" ? p->fget : name->s == "fset" ? p->fset : p->fdel;
    return f ? f : rt.None;
  } else if (o->tag == Tag::Builtin) {
    if (name->s == "__name__") return rt.make_str(o.as<BuiltinObj>()->name);
    if (name->s == "__qualname__") return rt.make_str(o.as<BuiltinObj>()->name);
  } else if (o->tag == Tag::BoundMethod) {
    if (name->s == "__self__") return o.as<BoundMethodObj>()->self;
    if (name->s == "__func__") return o.as<BoundMethodObj>()->func;
    return getattr(o.as<BoundMethodObj>()->func, name);
  } else if (o->tag == Tag::Generator) {
    GenObj* g = o.as<GenObj>();
    if (name->s == "__name__") return g->name;
    if (name->s == "__qualname__" && g->qualname) return g->qualname;
    // gen_getrunning / gen_getsuspended (Objects/genobject.c); gi_yieldfrom / cr_await are not modelled
    const char* prefix = g->coroutine ? "cr_" : g->async_gen ? "ag_" : "gi_";
    if (name->s.rfind(prefix, 0) == 0) {
      const std::string field = name->s.substr(3);
      if (field == "running") return rt.make_bool(g->running);
      if (field == "suspended" && !g->async_gen) return rt.make_bool(g->started && !g->running && !g->finished);
    }
  }
  if (name->s == "__class__") return o->tag == Tag::Iter ? iterator_type(*this, o) : Ref(t);
  if (descr) return bind(*this, descr, o, t);
  if (t->has_getattr) {
    Ref ga = lookup_type(t, S(*this, "__getattr__"));
    if (ga) return call2(ga, o, Ref(name));
  }
  return raise_attribute_error(*this, o, name, "'" + t->name + "' object has no attribute '" + name->s + "'");
}

bool VM::setattr(const Ref& o, StrObj* name, Ref v) {
  if (o->tag == Tag::Class) {
    ClassObj* c = o.as<ClassObj>();
    if (c->builtin) { raise(rt.TypeError, "cannot set '" + name->s + "' attribute of immutable type '" + c->name + "'"); return false; }
    if (o->cls != rt.type_t) {  // a metaclass's own __setattr__ (EnumType refuses reassigning members)
      Ref sa = lookup_type(o->cls, S(*this, "__setattr__"));
      if (sa && sa->tag == Tag::Func) { Ref a[3] = {o, Ref(name), v}; return bool(call(sa, a, 3)); }
    }
    dict_set_str(c->dict.as<DictObj>(), name, std::move(v));
    ++c->version;
    return true;
  }
  if (o->tag == Tag::Module) { dict_set_str(o.as<ModuleObj>()->dict.as<DictObj>(), name, std::move(v)); return true; }
  if (o->tag == Tag::Func) {
    FuncObj* fo = o.as<FuncObj>();
    if (name->s == "__name__") { fo->name = v; return true; }
    if (name->s == "__qualname__") { fo->qualname = v; return true; }
    if (!fo->dict) fo->dict = rt.make_dict();
    dict_set_str(fo->dict.as<DictObj>(), name, std::move(v));
    return true;
  }
  if (o->tag == Tag::Exception && name->s == "__traceback__") return set_exception_traceback(*this, o.as<ExceptionObj>(), v);
  if (o->tag == Tag::Other && is_proxy(o.get())) {  // proxy_setattr
    Ref t = o;
    return proxy_unwrap(*this, t) && setattr(t, name, std::move(v));
  }
  ClassObj* t = o->cls;
  if (o->tag == Tag::Instance || o->tag == Tag::Exception) {
    if (t->has_setattr) {
      Ref sa = lookup_type(t, S(*this, "__setattr__"));
      if (sa && (sa->tag == Tag::Func || (sa->tag == Tag::Builtin && std::strcmp(sa.as<BuiltinObj>()->name, "object.__setattr__") != 0))) {
        Ref a[3] = {o, Ref(name), v};
        return bool(call(sa, a, 3));
      }
    }
    if (o->tag == Tag::Instance && name->s == "__class__") return set_instance_class(*this, o.as<InstanceObj>(), v);
    Ref descr = lookup_type(t, name);
    if (name->s == "__dict__" && !descr && o.as<InstanceObj>()->dict) return set_instance_dict(*this, o.as<InstanceObj>(), v);
    if (descr) {
      if (is_user_data_descriptor(*this, descr)) return user_descriptor_set(*this, descr, o, v);
      if (descr->tag == Tag::Property) {
        PropertyObj* p = descr.as<PropertyObj>();
        if (!p->fset) { raise(rt.AttributeError, "property '" + name->s + "' of '" + t->name + "' object has no setter"); return false; }
        return bool(call2(p->fset, o, std::move(v)));
      }
      if (auto* sd = dynamic_cast<SlotDescr*>(descr.get())) {
        auto* io = o.as<InstanceObj>();
        if (io->slots.size() <= size_t(sd->index)) io->slots.resize(size_t(sd->index) + 1);
        io->slots[size_t(sd->index)] = std::move(v);
        return true;
      }
    }
    InstanceObj* io = o.as<InstanceObj>();
    if (!io->dict) {
      raise(rt.AttributeError, "'" + t->name + "' object has no attribute '" + name->s + "'");
      return false;
    }
    dict_set_str(io->dict.as<DictObj>(), name, std::move(v));
    return true;
  }
  if (is_native_subclass_instance(o.get())) {
    bool ok = false;
    if (native_setattr(*this, o, name, v, ok)) return ok;
  }
  raise(rt.AttributeError, "'" + t->name + "' object has no attribute '" + name->s + "'");
  return false;
}

bool VM::delattr(const Ref& o, StrObj* name) {
  if (o->tag == Tag::Other && is_proxy(o.get())) {  // proxy_setattr with NULL
    Ref t = o;
    return proxy_unwrap(*this, t) && delattr(t, name);
  }
  if (o->tag == Tag::Instance || o->tag == Tag::Exception) {
    if (Ref da = o->cls->has_setattr ? lookup_type(o->cls, S(*this, "__delattr__")) : Ref(); da && da->tag == Tag::Func)
      return bool(call2(da, o, Ref(name)));  // the class's own __delattr__
    InstanceObj* io = o.as<InstanceObj>();
    Ref descr = lookup_type(o->cls, name);
    if (descr) {
      if (descr->tag == Tag::Property) {
        PropertyObj* p = descr.as<PropertyObj>();
        if (!p->fdel) { raise(rt.AttributeError, "property '" + name->s + "' of '" + o->cls->name + "' object has no deleter"); return false; }
        return bool(call1(p->fdel, o));
      }
      if (is_user_data_descriptor(*this, descr)) return user_descriptor_set(*this, descr, o, Ref());
      if (auto* sd = dynamic_cast<SlotDescr*>(descr.get())) {
        if (size_t(sd->index) < io->slots.size() && io->slots[size_t(sd->index)]) { io->slots[size_t(sd->index)].reset(); return true; }
      }
    }
    if (io->dict && dict_del(io->dict.as<DictObj>(), Ref(name)) == 1) return true;
  } else if (is_native_subclass_instance(o.get())) {
    bool ok = false;
    if (native_delattr(*this, o, name, ok)) return ok;
  } else if (o->tag == Tag::Class && !o.as<ClassObj>()->builtin) {
    if (o->cls != rt.type_t) {  // a metaclass's own __delattr__
      Ref da = lookup_type(o->cls, S(*this, "__delattr__"));
      if (da && da->tag == Tag::Func) return bool(call2(da, o, Ref(name)));
    }
    if (dict_del(o.as<ClassObj>()->dict.as<DictObj>(), Ref(name)) == 1) return true;
  } else if (o->tag == Tag::Module) {
    if (dict_del(o.as<ModuleObj>()->dict.as<DictObj>(), Ref(name)) == 1) return true;
  }
  raise(rt.AttributeError, "'" + o->cls->name + "' object has no attribute '" + name->s + "'");
  return false;
}

// ---- calls ----

Ref VM::instantiate(ClassObj* cls, Ref* args, int n, TupleObj* kwnames) {
  // n < 0: allocate only (the caller runs __init__)
  Ref obj;
  bool custom_new = false;
  if (n >= 0) {
    if (Ref nf = user_new_of(*this, cls)) {
      // cls.__new__(cls, *args): __init__ runs only on an instance of cls (type_call)
      std::vector<Ref> na;
      na.reserve(size_t(n + 1));
      na.push_back(Ref(cls));
      for (int i = 0; i < n; ++i) na.push_back(args[i]);
      obj = call(nf, na.data(), n + 1, kwnames);
      if (!obj || !isinstance(obj, cls)) return obj;
      cls = obj->cls;
      custom_new = true;
    }
  }
  ClassObj* native = nullptr;
  for (ClassObj* m : cls->mro) if (m->builtin) { native = m; break; }
  if (custom_new) {
    // allocated by __new__
  } else if (native && native != rt.object_t && !native->is_exception) {
    // subclass of a built-in type: __new_native__(cls, *args) builds the native
    // object carrying `cls` (modules/builtin_subclass.cpp), then __init__ runs
    Ref ctor = lookup_type(cls, S(*this, "__new_native__"));
    if (!ctor) return not_modelled("subclassing built-in type '" + native->name + "'");
    std::vector<Ref> na;
    na.push_back(Ref(cls));
    for (int i = 0; i < n; ++i) na.push_back(args[i]);
    obj = call(ctor, na.data(), n < 0 ? 1 : n + 1, n < 0 ? nullptr : kwnames);
    if (!obj) return nullptr;
  } else if (cls->is_exception) {
    obj = make<ExceptionObj>(cls);
    obj.as<ExceptionObj>()->dict = rt.make_dict();
    if (n >= 0) {
      int npos = n - (kwnames ? int(kwnames->items.size()) : 0);
      obj.as<ExceptionObj>()->args = rt.make_tuple(std::vector<Ref>(args, args + npos));
      if (npos > 0 && is_subclass(cls, rt.StopIteration)) obj.as<ExceptionObj>()->value = args[0];
    }
  } else {
    obj = make<InstanceObj>(cls);
    if (!cls->has_slots_only) {
      obj.as<InstanceObj>()->dict = rt.make_dict();
      if (const std::size_t n = rt.scalar_memory ? rt.scalar_memory->instance_dict_reserve(cls) : 0)
        obj.as<InstanceObj>()->dict.as<DictObj>()->entries.reserve(n);  // (vm_memory.h)
    }
    if (!cls->slot_names.empty()) obj.as<InstanceObj>()->slots.resize(cls->slot_names.size());
  }
  if (!cls->builtin && !custom_new) cls->rc++;  // instances keep their class alive (released in obj_dealloc)
  if (n < 0) return obj;
  Ref init = lookup_type(cls, S(*this, "__init__"));
  if (init && !(init->tag == Tag::Builtin && init.as<BuiltinObj>()->fn == nullptr)) {
    if (init->tag == Tag::Builtin && std::string(init.as<BuiltinObj>()->name) == "object.__init__") {
      if (n > 0 && !cls->is_exception && !custom_new) return raise(rt.TypeError, cls->name + "() takes no arguments");
      return obj;
    }
    std::vector<Ref> a;
    a.reserve(size_t(n + 1));
    a.push_back(obj);
    for (int i = 0; i < n; ++i) a.push_back(args[i]);
    Ref r = call(init, a.data(), n + 1, kwnames);
    if (!r) return nullptr;
    if (r.get() != rt.None.get()) return raise(rt.TypeError, "__init__() should return None, not '" + type_name(r) + "'");
  }
  return obj;
}

Ref VM::call(const Ref& callable, Ref* args, int n, TupleObj* kwnames) {
  switch (callable->tag) {
    case Tag::Func: {
      FuncObj* fn = callable.as<FuncObj>();
      Frame* nf = frame_for_call(fn, args, n, kwnames);
      if (!nf) return nullptr;
      if (fn->co()->flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR)) {
        Ref g = make<GenObj>((fn->co()->flags & CO_COROUTINE) ? rt.coroutine_t : (fn->co()->flags & CO_ASYNC_GENERATOR) ? rt.async_generator_t : rt.generator_t);
        GenObj* go = g.as<GenObj>();
        go->async_gen = fn->co()->flags & CO_ASYNC_GENERATOR;
        go->frame = nf;
        nf->gen = go;
        go->coroutine = fn->co()->flags & CO_COROUTINE;
        go->name = fn->name;
        go->qualname = fn->qualname;
        return g;
      }
      // a Python function called from native code (lru_cache, key=, dunders): in
      // 3.11 the C call and the frame both count toward the recursion limit
      // (_Py_EnterRecursiveCall in _PyObject_MakeTpCall); kMaxNestedEvals bounds
      // the C++ stack (~2.5 KB per level natively, ~20 KB under AddressSanitizer)
#if defined(__SANITIZE_ADDRESS__) || (defined(__has_feature) && __has_feature(address_sanitizer))
      constexpr int kMaxNestedEvals = 200;
#else
      constexpr int kMaxNestedEvals = 400;
#endif
      if (frames.size() + size_t(nested) >= size_t(recursion_limit) || nested > kMaxNestedEvals) {
        delete nf;
        return raise(rt.RecursionError, "maximum recursion depth exceeded");
      }
      size_t base = frames.size();
      frames.push_back(nf);
      Ref result;
      Stop s = eval(base, result);
      if (s == Stop::Exception) return nullptr;
      return result;
    }
    case Tag::Builtin:
      return call_builtin(*this, callable.as<BuiltinObj>(), args, n, kwnames);  // builtin_call.h
    case Tag::BoundMethod: {
      BoundMethodObj* bm = callable.as<BoundMethodObj>();
      std::vector<Ref> a;
      a.reserve(size_t(n + 1));
      a.push_back(bm->self);
      for (int i = 0; i < n; ++i) a.push_back(args[i]);
      Ref fn = bm->func;
      return call(fn, a.data(), n + 1, kwnames);
    }
    case Tag::Class: {
      ClassObj* c = callable.as<ClassObj>();
      if (Ref r; !c->builtin && call_through_metaclass(*this, c, args, n, kwnames, r)) return r;  // modules/class_creation.cpp
      Ref ctor = dict_get_str(c->dict.as<DictObj>(), S(*this, "__call_type__"));
      if (c->builtin && ctor) {
        std::vector<Ref> a;
        a.push_back(callable);
        for (int i = 0; i < n; ++i) a.push_back(args[i]);
        return call(ctor, a.data(), n + 1, kwnames);
      }
      if (c->builtin && !c->is_exception && c != rt.object_t) return not_modelled("calling the built-in type '" + c->name + "'");
      return instantiate(c, args, n, kwnames);
    }
    case Tag::StaticMethod:
      return call(callable.as<WrapperObj>()->f, args, n, kwnames);
    default: break;
  }
  Ref m = lookup_type(callable->cls, S(*this, "__call__"));
  if (m) {
    std::vector<Ref> a;
    a.push_back(callable);
    for (int i = 0; i < n; ++i) a.push_back(args[i]);
    return call(m, a.data(), n + 1, kwnames);
  }
  return raise(rt.TypeError, "'" + type_name(callable) + "' object is not callable");
}

Ref VM::gen_send(GenObj* g, Ref value, Stop& how, Ref throw_exc) {
  if (g->finished) {
    if (throw_exc) return raise_obj(throw_exc);
    how = Stop::Returned;
    if (g->coroutine) return raise(rt.RuntimeError, "cannot reuse already awaited coroutine");
    return raise(rt.StopIteration, "");
  }
  if (g->running) return raise(rt.ValueError, "generator already executing");
  if (!g->started && value && value.get() != rt.None.get() && !throw_exc)
    return raise(rt.TypeError, "can't send non-None value to a just-started generator");
  if (nested > 150 || frames.size() >= size_t(recursion_limit)) {
    // the frame fails on entry (ceval.c exit_unwind): the generator is over, it counts as started
    g->started = g->finished = true;
    return raise(rt.RecursionError, "maximum recursion depth exceeded");
  }
  Frame* f = g->frame;
  if (g->started && !throw_exc) f->stack[f->sp++] = value ? value : rt.None;
  g->started = true;
  g->running = true;
  size_t base = frames.size();
  frames.push_back(f);
  Ref result;
  Ref keep(g);
  if (throw_exc) {
    // raise inside the generator at its current position
    raise_obj(throw_exc);
    if (exc && exc->tag == Tag::Exception) {
      // the frame resumes with the error at its yield: a traceback entry there (genobject.c gen_send_ex, throwflag)
      if (f->ip > 0) traceback_here(*this, exc.as<ExceptionObj>(), f, f->ip - 1);
      // unwind using the frame's blocks
      Frame* fr = f;
      if (!fr->blocks.empty()) {
        Block b = fr->blocks.back();
        fr->blocks.pop_back();
        while (fr->sp > b.level) fr->stack[--fr->sp].reset();
        fr->stack[fr->sp++] = exc_info ? exc_info : rt.None;
        Ref e = std::move(exc);
        exc_info = e;
        fr->stack[fr->sp++] = std::move(e);
        fr->ip = b.handler;
      } else {
        frames.pop_back();
        g->running = false;
        g->finished = true;
        how = Stop::Exception;
        return nullptr;
      }
    }
  }
  how = eval(base, result);
  return gen_leave_frame(*this, g, how, std::move(result));
}

// ---- errors ----

Ref VM::new_exception(ClassObj* type, const std::string& msg) {
  Ref e = make<ExceptionObj>(type);
  e.as<ExceptionObj>()->dict = rt.make_dict();
  if (!msg.empty() || type == rt.StopIteration) {
    if (msg.empty()) e.as<ExceptionObj>()->args = rt.make_tuple({});
    else e.as<ExceptionObj>()->args = rt.make_tuple({rt.make_str(msg)});
  } else {
    e.as<ExceptionObj>()->args = rt.make_tuple({});
  }
  return e;
}

Ref VM::raise(ClassObj* type, const std::string& msg) {
  raise_obj(new_exception(type, msg));
  return nullptr;
}

Ref VM::raise_obj(Ref e) {
  if (e->tag == Tag::Exception && exc_info && exc_info.get() != e.get()) {
    auto* eo = e.as<ExceptionObj>();
    if (!eo->context) eo->context = exc_info;
  }
  exc = std::move(e);
  return nullptr;
}

Ref VM::raise_key_error(const Ref& key) {
  Ref e = new_exception(rt.KeyError, "");
  e.as<ExceptionObj>()->args = rt.make_tuple({key});
  return raise_obj(e);
}

Ref VM::not_modelled(const std::string& what) {
  return raise(rt.UnsupportedError, what + " is not modelled yet");
}

// ---- arithmetic ----

static const char* dunder(int op, bool reflected) {
  static const char* fwd[] = {"__add__", "__and__", "__floordiv__", "__lshift__", "__matmul__", "__mul__", "__mod__",
                              "__or__", "__pow__", "__rshift__", "__sub__", "__truediv__", "__xor__"};
  static const char* rev[] = {"__radd__", "__rand__", "__rfloordiv__", "__rlshift__", "__rmatmul__", "__rmul__", "__rmod__",
                              "__ror__", "__rpow__", "__rrshift__", "__rsub__", "__rtruediv__", "__rxor__"};
  return reflected ? rev[op] : fwd[op];
}
static const char* idunder(int op) {
  static const char* in[] = {"__iadd__", "__iand__", "__ifloordiv__", "__ilshift__", "__imatmul__", "__imul__", "__imod__",
                             "__ior__", "__ipow__", "__irshift__", "__isub__", "__itruediv__", "__ixor__"};
  return in[op];
}

static std::string repeat(const std::string& s, std::int64_t n) {
  std::string r;
  if (n <= 0) return r;
  r.reserve(s.size() * size_t(n));
  for (std::int64_t i = 0; i < n; ++i) r += s;
  return r;
}

// A Python-level operator method on a subclass of a built-in type (class I(int):
// def __or__...), which must win over the built-in arithmetic below.
static Ref native_subclass_override(VM& vm, const char* name, Obj* o) {
  if (o->cls->builtin || o->tag == Tag::Instance || o->tag == Tag::Exception) return nullptr;
  Ref m = vm.lookup_type(o->cls, vm.rt.intern(name).as<StrObj>());
  return m && m->tag == Tag::Func ? m : nullptr;
}

// `[x, ...] * n` of a built-in list and int (not in place), as the general
// repetition in VM::binary makes it, with none of its checks for other
// operand types (host speed: `[0] * 16` runs by the million). False: not
// that case, nothing done.
static bool list_repeat_fast(VM& vm, Obj* x, Obj* y, Ref& out) {
  if (x->cls != vm.rt.list_t || y->cls != vm.rt.int_t || x->tag != Tag::List || y->tag != Tag::Int) return false;
  const std::vector<Ref>& src = static_cast<ListObj*>(x)->items;
  const std::int64_t times = std::max<std::int64_t>(static_cast<IntObj*>(y)->v, 0);
  if (src.size() != 1 || double(times) * 8.0 > double(vm.memory_limit)) return false;
  std::vector<Ref> items(std::size_t(times), src[0]);
  out = vm.rt.make_list();
  out.as<ListObj>()->items = std::move(items);
  return true;
}

Ref VM::binary(int opi, const Ref& a, const Ref& b) {
  bool inplace = opi >= NB_INPLACE;
  int op = opi % NB_INPLACE;
  Obj* x = a.get();
  Obj* y = b.get();
  if (op == NB_MULTIPLY && !inplace)
    if (Ref r; list_repeat_fast(*this, x, y, r)) return r;
  if (x->tag == Tag::Other && is_proxy(x)) {  // the proxy's number slots (WRAP_BINARY): unwrap both
    Ref p = a, q = b;
    if (!proxy_unwrap(*this, p) || !proxy_unwrap(*this, q)) return nullptr;
    return binary(opi, p, q);
  }
  if (!x->cls->builtin || !y->cls->builtin) {
    bool y_first = y->cls != x->cls && is_subclass(y->cls, x->cls);
    Ref ry = native_subclass_override(*this, dunder(op, true), y);
    if (ry && y_first) {
      Ref r = call2(ry, b, a);
      if (!r || r.get() != rt.NotImplemented.get()) return r;
    }
    for (const char* n : {inplace ? idunder(op) : nullptr, dunder(op, false)}) {
      Ref m = n ? native_subclass_override(*this, n, x) : nullptr;
      if (!m) continue;
      Ref r = call2(m, a, b);
      if (!r || r.get() != rt.NotImplemented.get()) return r;
    }
    if (ry && !y_first && y->cls != x->cls) {
      Ref r = call2(ry, b, a);
      if (!r || r.get() != rt.NotImplemented.get()) return r;
    }
  }
  if (x->tag == Tag::Int && y->tag == Tag::Int) {
    std::int64_t p = static_cast<IntObj*>(x)->v, q = static_cast<IntObj*>(y)->v, r;
    switch (op) {
      case NB_ADD: if (__builtin_add_overflow(p, q, &r)) return int_binary(*this, op, x, y); return rt.make_int(r);
      case NB_SUBTRACT: if (__builtin_sub_overflow(p, q, &r)) return int_binary(*this, op, x, y); return rt.make_int(r);
      case NB_MULTIPLY: if (__builtin_mul_overflow(p, q, &r)) return int_binary(*this, op, x, y); return rt.make_int(r);
      case NB_FLOOR_DIVIDE: case NB_REMAINDER: {
        if (q == 0) return raise(rt.ZeroDivisionError, op == NB_REMAINDER ? "integer modulo by zero" : "integer division or modulo by zero");
        if (q == -1) return op == NB_REMAINDER ? rt.make_int(0) : (p == INT64_MIN ? int_binary(*this, op, x, y) : rt.make_int(-p));
        std::int64_t d = p / q, m = p % q;
        if (m && ((m < 0) != (q < 0))) { m += q; --d; }
        return rt.make_int(op == NB_REMAINDER ? m : d);
      }
      case NB_TRUE_DIVIDE:
        if (q == 0) return raise(rt.ZeroDivisionError, "division by zero");
        // exact as doubles only up to 2**53 (long_true_divide); beyond, the correctly rounded slow path
        if (p > (std::int64_t(1) << 53) || p < -(std::int64_t(1) << 53) || q > (std::int64_t(1) << 53) || q < -(std::int64_t(1) << 53))
          return int_binary(*this, op, x, y);
        return rt.make_float(double(p) / double(q));
      case NB_POWER: {
        if (q < 0) {
          if (p == 0) return raise(rt.ZeroDivisionError, "0.0 cannot be raised to a negative power");
          return rt.make_float(std::pow(double(p), double(q)));
        }
        std::int64_t res = 1, base = p;
        std::int64_t e = q;
        while (e > 0) {
          if (e & 1) { if (__builtin_mul_overflow(res, base, &res)) return int_binary(*this, op, x, y); }
          e >>= 1;
          if (e > 0 && __builtin_mul_overflow(base, base, &base)) return int_binary(*this, op, x, y);
        }
        return rt.make_int(res);
      }
      case NB_AND: return rt.make_int(p & q);
      case NB_OR: return rt.make_int(p | q);
      case NB_XOR: return rt.make_int(p ^ q);
      case NB_LSHIFT:
        if (q < 0) return raise(rt.ValueError, "negative shift count");
        if (q >= 63 || (p != 0 && (p > (INT64_MAX >> q) || p < (INT64_MIN >> q)))) {
          if (p == 0) return rt.make_int(0);
          return int_binary(*this, op, x, y);
        }
        return rt.make_int(p << q);
      case NB_RSHIFT:
        if (q < 0) return raise(rt.ValueError, "negative shift count");
        return rt.make_int(q >= 64 ? (p < 0 ? -1 : 0) : (p >> q));
      default: break;
    }
  }
  if (is_int_obj(x) && is_int_obj(y)) return int_binary(*this, op, x, y);
  if (is_num(x) && is_num(y)) {
    double p, q;
    if (x->tag == Tag::BigInt) { if (!int_to_double(*this, x, p)) return nullptr; } else p = num(x);
    if (y->tag == Tag::BigInt) { if (!int_to_double(*this, y, q)) return nullptr; } else q = num(y);
    switch (op) {
      case NB_ADD: return rt.make_float(p + q);
      case NB_SUBTRACT: return rt.make_float(p - q);
      case NB_MULTIPLY: return rt.make_float(p * q);
      case NB_TRUE_DIVIDE:
        if (q == 0) return raise(rt.ZeroDivisionError, x->tag == Tag::Int && y->tag == Tag::Int ? "division by zero" : "float division by zero");
        return rt.make_float(p / q);
      case NB_FLOOR_DIVIDE: case NB_REMAINDER: {
        if (q == 0) return raise(rt.ZeroDivisionError, op == NB_REMAINDER ? "float modulo" : "float floor division by zero");
        double m = std::fmod(p, q);
        if (m != 0 && ((q < 0) != (m < 0))) m += q;
        if (op == NB_REMAINDER) return rt.make_float(m == 0 ? std::copysign(0.0, q) : m);
        double d = (p - m) / q;
        double fd = std::floor(d);
        if (d - fd > 0.5) fd += 1.0;
        return rt.make_float(fd);
      }
      case NB_POWER:
        if (p == 0 && q < 0) return raise(rt.ZeroDivisionError, "0.0 cannot be raised to a negative power");
        if (p < 0 && q != std::floor(q)) return not_modelled("complex results of **");
        return rt.make_float(std::pow(p, q));
      default: break;
    }
  }
  if (x->tag == Tag::Str && y->tag == Tag::Str && op == NB_ADD) {
    auto* xs = static_cast<StrObj*>(x);
    auto* ys = static_cast<StrObj*>(y);
    if (inplace && x->rc <= 2 && !xs->interned && x->cls == rt.str_t) {
      // CPython's in-place concatenation when the left operand has no other owner
      xs->s += ys->s;
      xs->hash = -1;
      xs->cp_len = -1;
      return a;
    }
    return rt.make_str(xs->s + ys->s);
  }
  if (x->tag == Tag::Bytes || y->tag == Tag::Bytes)
    if (Ref r = bytes_binary_op(*this, op, a, b); r || exc) return r;  // modules/bytes_methods.cpp
  if (x->tag == Tag::Str && y->tag == Tag::Int && op == NB_MULTIPLY) return rt.make_str(repeat(static_cast<StrObj*>(x)->s, static_cast<IntObj*>(y)->v));
  if (x->tag == Tag::Int && y->tag == Tag::Str && op == NB_MULTIPLY) return rt.make_str(repeat(static_cast<StrObj*>(y)->s, static_cast<IntObj*>(x)->v));
  if (op == NB_MULTIPLY && ((x->tag == Tag::BigInt && (y->tag == Tag::Str || y->tag == Tag::List || y->tag == Tag::Tuple || y->tag == Tag::Bytes)) ||
                            (y->tag == Tag::BigInt && (x->tag == Tag::Str || x->tag == Tag::List || x->tag == Tag::Tuple || x->tag == Tag::Bytes)))) {
    // sequence repetition takes a Py_ssize_t count (PyNumber_AsSsize_t with OverflowError)
    if (int_big(x->tag == Tag::BigInt ? x : y).is_negative()) return binary(opi, x->tag == Tag::BigInt ? rt.make_int(0) : a, y->tag == Tag::BigInt ? rt.make_int(0) : b);
    return raise(rt.OverflowError, "cannot fit 'int' into an index-sized integer");
  }
  if (x->tag == Tag::Str && op == NB_REMAINDER) {
    Ref fmt = dict_get_str(rt.str_t->dict.as<DictObj>(), S(*this, "__mod__"));
    return call2(fmt, a, b);
  }
  if (x->tag == Tag::List && op == NB_ADD && y->tag == Tag::List) {
    if (inplace) {
      auto& dst = static_cast<ListObj*>(x)->items;
      auto src = static_cast<ListObj*>(y)->items;
      dst.insert(dst.end(), src.begin(), src.end());
      return a;
    }
    Ref l = rt.make_list();
    auto& items = l.as<ListObj>()->items;
    items = static_cast<ListObj*>(x)->items;
    for (auto& v : static_cast<ListObj*>(y)->items) items.push_back(v);
    return l;
  }
  if (x->tag == Tag::List && op == NB_ADD && inplace) {
    std::vector<Ref> more;
    if (!to_list(b, more)) return nullptr;
    auto& dst = static_cast<ListObj*>(x)->items;
    for (auto& v : more) dst.push_back(std::move(v));
    return a;
  }
  if (x->tag == Tag::Tuple && op == NB_ADD && y->tag == Tag::Tuple) {
    std::vector<Ref> items = static_cast<TupleObj*>(x)->items;
    for (auto& v : static_cast<TupleObj*>(y)->items) items.push_back(v);
    return rt.make_tuple(std::move(items));
  }
  if ((x->tag == Tag::List || x->tag == Tag::Tuple) && y->tag == Tag::Int && op == NB_MULTIPLY) {
    const auto src = list_or_tuple_items(x);
    std::int64_t times = static_cast<IntObj*>(y)->v;
    if (times < 0) times = 0;
    double bytes = double(src.size()) * double(times) * 8.0;
    if (bytes > double(memory_limit)) return raise(rt.MemoryError, "");
    std::vector<Ref> items;
    items.reserve(src.size() * size_t(times));
    if (src.size() == 1) items.assign(std::size_t(times), src[0]);  // [x] * n
    else for (std::int64_t i = 0; i < times; ++i) items.insert(items.end(), src.begin(), src.end());
    if (x->tag == Tag::Tuple) return rt.make_tuple(std::move(items));
    if (inplace) { static_cast<ListObj*>(x)->items = std::move(items); return a; }
    Ref l = rt.make_list();
    l.as<ListObj>()->items = std::move(items);
    return l;
  }
  if (x->tag == Tag::Int && (y->tag == Tag::List || y->tag == Tag::Tuple) && op == NB_MULTIPLY) return binary(opi, b, a);
  if (Ref r = set_binary_op(*this, op, a, b, inplace); r || exc) return r;  // vm/set_ops.cpp
  if (x->tag == Tag::Dict && y->tag == Tag::Dict && op == NB_OR && x->cls != rt.counter_t && y->cls != rt.counter_t) {
    Ref d = inplace ? a : rt.make_dict();
    if (!inplace) for (auto& e : static_cast<DictObj*>(x)->entries) if (e.key) dict_set(d.as<DictObj>(), e.key, e.value);
    for (auto& e : static_cast<DictObj*>(y)->entries) if (e.key) dict_set(d.as<DictObj>(), e.key, e.value);
    return d;
  }
  // user-defined dunders
  if (inplace) {
    Ref m = lookup_type(x->cls, S(*this, idunder(op)));
    if (m) {
      Ref r = call2(m, a, b);
      if (!r || r.get() != rt.NotImplemented.get()) return r;
    }
  }
  Ref m = lookup_type(x->cls, S(*this, dunder(op, false)));
  if (m && (m->tag != Tag::Builtin || x->tag == Tag::Other)) {  // native objects' own methods (dict views)
    Ref r = call2(m, a, b);
    if (!r || r.get() != rt.NotImplemented.get()) return r;
  }
  if (x->cls != y->cls) {
    Ref rm = lookup_type(y->cls, S(*this, dunder(op, true)));
    if (rm && (rm->tag != Tag::Builtin || y->tag == Tag::Other)) {
      Ref r = call2(rm, b, a);
      if (!r || r.get() != rt.NotImplemented.get()) return r;
    }
  }
  if (y->tag == Tag::Other && is_proxy(y)) {  // a proxy on the right: its reflected slot
    Ref q = b;
    if (!proxy_unwrap(*this, q)) return nullptr;
    return binary(opi, a, q);
  }
  if (op == NB_OR)  // int | None (modules/generic_alias.h)
    if (Ref r = type_union(*this, a, b); r || exc) return r;
  std::string sym = binop_symbol(opi);
  if (op == NB_ADD && x->tag == Tag::Str) return raise(rt.TypeError, "can only concatenate str (not \"" + type_name(b) + "\") to str");
  if (op == NB_ADD && x->tag == Tag::List) return raise(rt.TypeError, "can only concatenate list (not \"" + type_name(b) + "\") to list");
  if (op == NB_ADD && x->tag == Tag::Tuple) return raise(rt.TypeError, "can only concatenate tuple (not \"" + type_name(b) + "\") to tuple");
  if (op == NB_POWER) sym = inplace ? "**=" : "** or pow()";
  return raise(rt.TypeError, "unsupported operand type(s) for " + sym + ": '" + type_name(a) + "' and '" + type_name(b) + "'");
}

// ---- comparison ----

static int cmp_str(const std::string& a, const std::string& b) { return a < b ? -1 : a > b ? 1 : 0; }

// A comparison/hash dunder found on the MRO that must be called: Python
// functions and native methods other than object's defaults (dataclass,
// namedtuple, functools.total_ordering and cmp_to_key methods are native).
static bool callable_dunder(const Ref& m) {
  if (!m) return false;
  if (m->tag == Tag::Func) return true;
  return m->tag == Tag::Builtin && std::strncmp(m.as<BuiltinObj>()->name, "object.", 7) != 0;
}

Ref VM::compare(int op, const Ref& a, const Ref& b) {
  Obj* x = a.get();
  Obj* y = b.get();
  auto result = [&](int c) -> Ref {
    bool r = false;
    switch (op) {
      case CMP_LT: r = c < 0; break;
      case CMP_LE: r = c <= 0; break;
      case CMP_EQ: r = c == 0; break;
      case CMP_NE: r = c != 0; break;
      case CMP_GT: r = c > 0; break;
      case CMP_GE: r = c >= 0; break;
    }
    return rt.make_bool(r);
  };
  if (is_num(x) && is_num(y)) {
    if (x->tag == Tag::Int && y->tag == Tag::Int) {
      std::int64_t p = static_cast<IntObj*>(x)->v, q = static_cast<IntObj*>(y)->v;
      return result(p < q ? -1 : p > q ? 1 : 0);
    }
    if (is_int_obj(x) && is_int_obj(y)) return result(int_compare(x, y));
    auto inexact = [](const Obj* o) {  // ints beyond 2**53 are not exact as doubles
      if (o->tag == Tag::BigInt) return true;
      if (o->tag != Tag::Int) return false;
      std::int64_t v = static_cast<const IntObj*>(o)->v;
      return v > (std::int64_t(1) << 53) || v < -(std::int64_t(1) << 53);
    };
    if (inexact(x) || inexact(y)) {
      // exact int/float comparison (Objects/floatobject.c float_richcompare)
      bool xi = is_int_obj(x);
      auto c = int_float_compare(xi ? x : y, num(xi ? y : x));
      if (!c) return rt.make_bool(op == CMP_NE);
      return result(xi ? *c : -*c);
    }
    double p = num(x), q = num(y);
    if (std::isnan(p) || std::isnan(q)) return rt.make_bool(op == CMP_NE);
    return result(p < q ? -1 : p > q ? 1 : 0);
  }
  if (x->tag == Tag::Str && y->tag == Tag::Str) return result(cmp_str(static_cast<StrObj*>(x)->s, static_cast<StrObj*>(y)->s));
  if (x->tag == Tag::Bytes && y->tag == Tag::Bytes) return result(cmp_str(static_cast<BytesObj*>(x)->s, static_cast<BytesObj*>(y)->s));
  if ((x->tag == Tag::List && y->tag == Tag::List) || (x->tag == Tag::Tuple && y->tag == Tag::Tuple)) {
    const auto p = list_or_tuple_items(x), q = list_or_tuple_items(y);
    std::vector<Ref> pc(p.begin(), p.end()), qc(q.begin(), q.end());  // elements may run Python code
    size_t i = 0;
    for (; i < pc.size() && i < qc.size(); ++i) {
      int e = eq(pc[i], qc[i]);
      if (e < 0) return nullptr;
      if (!e) break;
    }
    if (i >= pc.size() || i >= qc.size()) {
      std::int64_t ps = std::int64_t(pc.size()), qs = std::int64_t(qc.size());
      return result(ps < qs ? -1 : ps > qs ? 1 : 0);
    }
    if (op == CMP_EQ) return rt.False;
    if (op == CMP_NE) return rt.True;
    return compare(op, pc[i], qc[i]);
  }
  if (op != CMP_EQ && op != CMP_NE)
    if (Ref r = set_order_compare(*this, op, a, b); r || exc) return r;  // subset tests (vm/set_ops.cpp)
  if (op == CMP_EQ || op == CMP_NE) {
    if ((x->tag == Tag::Dict && y->tag == Tag::Dict && x->cls != rt.counter_t && y->cls != rt.counter_t) || ((x->tag == Tag::Set || x->tag == Tag::FrozenSet) && (y->tag == Tag::Set || y->tag == Tag::FrozenSet))) {
      DictObj* p = static_cast<DictObj*>(x);
      DictObj* q = static_cast<DictObj*>(y);
      bool same = p->used == q->used;
      if (same) {
        std::vector<DictEntry> pe = p->entries;
        for (auto& e : pe) {
          if (!e.key) continue;
          Ref v = dict_get(q, e.key);
          if (!v) { if (exc) return nullptr; same = false; break; }
          if (x->tag == Tag::Dict) {
            int r = eq(e.value, v);
            if (r < 0) return nullptr;
            if (!r) { same = false; break; }
          }
        }
      }
      return rt.make_bool(same == (op == CMP_EQ));
    }
  }
  static const char* names[] = {"__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"};
  static const int swapped[] = {CMP_GT, CMP_GE, CMP_EQ, CMP_NE, CMP_LT, CMP_LE};
  // Counter's comparisons are Python functions (modules/collections_py.cpp)
  bool user_x = !x->cls->builtin || x->tag == Tag::Other || x->cls == rt.counter_t;
  bool user_y = !y->cls->builtin || y->tag == Tag::Other || y->cls == rt.counter_t;
  // reflected first when y's type is a subclass of x's
  if (user_y && y->cls != x->cls && is_subclass(y->cls, x->cls)) {
    Ref m = lookup_type(y->cls, S(*this, names[swapped[op]]));
    if (callable_dunder(m)) {
      Ref r = call2(m, b, a);
      if (!r || r.get() != rt.NotImplemented.get()) return r;
    }
  }
  if (user_x) {
    Ref m = lookup_type(x->cls, S(*this, names[op]));
    if (callable_dunder(m)) {
      Ref r = call2(m, a, b);
      if (!r || r.get() != rt.NotImplemented.get()) return r;
    }
    if (op == CMP_NE) {
      Ref m2 = lookup_type(x->cls, S(*this, "__eq__"));
      if (callable_dunder(m2)) {
        Ref r = call2(m2, a, b);
        if (!r) return nullptr;
        if (r.get() != rt.NotImplemented.get()) {
          int t = truthy(r);
          if (t < 0) return nullptr;
          return rt.make_bool(!t);
        }
      }
    }
  }
  if (user_y) {
    Ref m = lookup_type(y->cls, S(*this, names[swapped[op]]));
    if (callable_dunder(m)) {
      Ref r = call2(m, b, a);
      if (!r || r.get() != rt.NotImplemented.get()) return r;
    }
  }
  if (op == CMP_EQ) return rt.make_bool(x == y);
  if (op == CMP_NE) return rt.make_bool(x != y);
  static const char* syms[] = {"<", "<=", "==", "!=", ">", ">="};
  return raise(rt.TypeError, std::string("'") + syms[op] + "' not supported between instances of '" + type_name(a) + "' and '" + type_name(b) + "'");
}

int VM::eq(const Ref& a, const Ref& b) {
  if (a.get() == b.get()) return 1;
  Ref r = compare(CMP_EQ, a, b);
  if (!r) return -1;
  return truthy(r);
}

int VM::truthy(const Ref& a) {
  Obj* o = a.get();
  switch (o->tag) {
    case Tag::Int: return static_cast<IntObj*>(o)->v != 0;
    case Tag::BigInt: return 1;
    case Tag::Float: return static_cast<FloatObj*>(o)->v != 0.0;
    case Tag::Str: return !static_cast<StrObj*>(o)->s.empty();
    case Tag::Bytes: return !static_cast<BytesObj*>(o)->s.empty();
    case Tag::None: return 0;
    case Tag::List: return !static_cast<ListObj*>(o)->items.empty();
    case Tag::Tuple: return !static_cast<TupleObj*>(o)->items.empty();
    case Tag::Dict: case Tag::Set: case Tag::FrozenSet: return static_cast<DictObj*>(o)->used != 0;
    case Tag::Range: {
      auto* r = static_cast<RangeObj*>(o);
      return r->step > 0 ? r->start < r->stop : r->start > r->stop;
    }
    case Tag::Instance: case Tag::Exception: case Tag::Other: {
      if (o->tag == Tag::Other && is_proxy(o)) {  // proxy_bool
        Ref t = a;
        return proxy_unwrap(*this, t) ? truthy(t) : -1;
      }
      if (o->cls->builtin && o->cls != rt.deque_t) return 1;
      Ref m = lookup_type(o->cls, S(*this, "__bool__"));
      if (m) {
        Ref r = call1(m, a);
        if (!r) return -1;
        if (r->tag != Tag::Int) { raise(rt.TypeError, "__bool__ should return bool, returned " + type_name(r)); return -1; }
        return static_cast<IntObj*>(r.get())->v != 0;
      }
      m = lookup_type(o->cls, S(*this, "__len__"));
      if (m) {
        std::int64_t n = len(a);
        if (n < 0) return -1;
        return n != 0;
      }
      return 1;
    }
    default: return 1;
  }
}

std::int64_t VM::len(const Ref& a) {
  Obj* o = a.get();
  switch (o->tag) {
    case Tag::Str: {
      auto* s = static_cast<StrObj*>(o);
      if (s->cp_len < 0) {
        std::int64_t n = 0;
        for (unsigned char c : s->s) if ((c & 0xC0) != 0x80) ++n;
        s->cp_len = n;
      }
      return s->cp_len;
    }
    case Tag::Bytes: return std::int64_t(static_cast<BytesObj*>(o)->s.size());
    case Tag::List: return std::int64_t(static_cast<ListObj*>(o)->items.size());
    case Tag::Tuple: return std::int64_t(static_cast<TupleObj*>(o)->items.size());
    case Tag::Dict: case Tag::Set: case Tag::FrozenSet: return static_cast<DictObj*>(o)->used;
    case Tag::Range: {
      auto* r = static_cast<RangeObj*>(o);
      if (r->step > 0) return r->start < r->stop ? (r->stop - r->start - 1) / r->step + 1 : 0;
      return r->start > r->stop ? (r->start - r->stop - 1) / (-r->step) + 1 : 0;
    }
    default: break;
  }
  if (o->cls == rt.deque_t) return deque_size(o);
  if (o->tag == Tag::Other && is_proxy(o)) {  // proxy_length
    Ref t = a;
    return proxy_unwrap(*this, t) ? len(t) : -1;
  }
  Ref m = lookup_type(o->cls, S(*this, "__len__"));
  if (!m || (o->cls->builtin && o->tag != Tag::Other)) { raise(rt.TypeError, "object of type '" + type_name(a) + "' has no len()"); return -1; }
  Ref r = call1(m, a);
  if (!r) return -1;
  if (r->tag == Tag::BigInt) { raise(rt.OverflowError, "cannot fit 'int' into an index-sized integer"); return -1; }
  if (r->tag != Tag::Int) { raise(rt.TypeError, "'" + type_name(r) + "' object cannot be interpreted as an integer"); return -1; }
  std::int64_t n = static_cast<IntObj*>(r.get())->v;
  if (n < 0) { raise(rt.ValueError, "__len__() should return >= 0"); return -1; }
  return n;
}

bool VM::hash(const Ref& a, std::int64_t& h) {
  Obj* o = a.get();
  switch (o->tag) {
    case Tag::Int: case Tag::BigInt: h = int_hash(o); return true;
    // CPython's exact hashes (pylib/hash.h: PYTHONHASHSEED=0 SipHash for str/bytes)
    case Tag::Float: h = pylib::hash_double(static_cast<FloatObj*>(o)->v, reinterpret_cast<std::uintptr_t>(o)); return true;
    case Tag::Str: {
      auto* s = static_cast<StrObj*>(o);
      if (s->hash == -1) s->hash = pylib::hash_str(s->s, python_minor());
      h = s->hash;
      return true;
    }
    case Tag::Bytes: h = pylib::hash_bytes(static_cast<BytesObj*>(o)->s, python_minor()); return true;
    case Tag::Tuple: {
      auto& items = static_cast<TupleObj*>(o)->items;
      std::vector<std::int64_t> hs(items.size());
      for (size_t i = 0; i < items.size(); ++i) if (!hash(items[i], hs[i])) return false;
      h = pylib::hash_tuple(hs);
      return true;
    }
    case Tag::List: case Tag::Dict: case Tag::Set:
      raise(rt.TypeError, "unhashable type: '" + type_name(a) + "'");
      return false;
    case Tag::FrozenSet: {
      std::vector<std::int64_t> hs;
      for (auto& e : static_cast<DictObj*>(o)->entries) if (e.key) hs.push_back(e.hash);
      h = pylib::hash_frozenset(hs);
      return true;
    }
    case Tag::None: h = pylib::hash_none(python_minor(), reinterpret_cast<std::uintptr_t>(o)); return true;
    default: break;
  }
  if (is_weakref(o) && o->cls->builtin) return weakref_hash(*this, static_cast<WeakRefObj*>(o), h);
  if (o->tag == Tag::Other && o->cls->builtin) {  // native types that set __hash__ = None (dict views)
    Ref m = dict_get_str(o->cls->dict.as<DictObj>(), S(*this, "__hash__"));
    if (m && m.get() == rt.None.get()) { raise(rt.TypeError, "unhashable type: '" + type_name(a) + "'"); return false; }
  }
  if (!o->cls->builtin) {
    Ref m = lookup_type(o->cls, S(*this, "__hash__"));
    if (m && m.get() == rt.None.get()) { raise(rt.TypeError, "unhashable type: '" + type_name(a) + "'"); return false; }
    if (callable_dunder(m)) {
      Ref r = call1(m, a);
      if (!r) return false;
      if (r->tag != Tag::Int && r->tag != Tag::BigInt) { raise(rt.TypeError, "__hash__ method should return an integer"); return false; }
      // slot_tp_hash: a result that fits Py_ssize_t is used as is (-1 becomes -2), a bigger one is hashed
      if (r->tag == Tag::Int) { h = r.as<IntObj>()->v == -1 ? -2 : r.as<IntObj>()->v; return true; }
      return hash(r, h);
    }
    // classes defining __eq__ without __hash__ are unhashable
    Ref eqm = dict_get_str(o->cls->dict.as<DictObj>(), S(*this, "__eq__"));
    if (eqm && !m) { raise(rt.TypeError, "unhashable type: '" + type_name(a) + "'"); return false; }
  }
  h = pylib::hash_pointer(reinterpret_cast<std::uintptr_t>(o));
  return true;
}

int VM::contains(const Ref& c, const Ref& item) {
  Obj* o = c.get();
  switch (o->tag) {
    case Tag::Dict: case Tag::Set: case Tag::FrozenSet: {
      Ref v = dict_get(static_cast<DictObj*>(o), item);
      if (v) return 1;
      return exc ? -1 : 0;
    }
    case Tag::List: case Tag::Tuple: {
      // (the same code for a list's items and a tuple's)
      auto in_items = [&](auto& items) -> int {
        // list_contains stops at the first equal item: charged by the items it
        // compared (builtin.list.__contains__, n = items scanned)
        auto scanned = [&](size_t n) { charge(builtin_ns("builtin.list.__contains__", double(n))); };
        Obj* it = item.get();
        if (it->tag == Tag::Int) {
          std::int64_t v = static_cast<IntObj*>(it)->v;
          bool simple = true;
          for (size_t i = 0; i < items.size(); ++i) {
            Obj* e = items[i].get();
            if (e == it) return scanned(i + 1), 1;
            if (e->tag == Tag::Int) { if (static_cast<IntObj*>(e)->v == v) return scanned(i + 1), 1; }
            else { simple = false; break; }
          }
          if (simple) return scanned(items.size()), 0;
        }
        for (size_t i = 0; i < items.size(); ++i) {
          Ref e = items[i];
          int r = eq(e, item);
          if (r) return scanned(i + 1), r;
          if (i >= items.size()) break;
        }
        scanned(items.size());
        return 0;
      };
      if (o->tag == Tag::List) return in_items(static_cast<ListObj*>(o)->items);
      return in_items(static_cast<TupleObj*>(o)->items);
    }
    case Tag::Str: {
      if (item->tag != Tag::Str) { raise(rt.TypeError, "'in <string>' requires string as left operand, not " + type_name(item)); return -1; }
      return static_cast<StrObj*>(o)->s.find(item.as<StrObj>()->s) != std::string::npos;
    }
    case Tag::Range: {
      auto* r = static_cast<RangeObj*>(o);
      if (item->tag == Tag::BigInt) return 0;  // ranges are bounded by int64 here
      if (item->tag != Tag::Int) break;
      std::int64_t v = item.as<IntObj>()->v;
      if (r->step > 0 ? (v < r->start || v >= r->stop) : (v > r->start || v <= r->stop)) return 0;
      return (v - r->start) % r->step == 0;
    }
    default: break;
  }
  Ref m = lookup_type(o->cls, S(*this, "__contains__"));
  if (m) {
    Ref r = call2(m, c, item);
    if (!r) return -1;
    return truthy(r);
  }
  Ref it = iter(c);
  if (!it) return -1;
  for (;;) {
    Ref x = next(it);
    if (!x) return exc ? -1 : 0;
    int r = eq(x, item);
    if (r) return r;
  }
}

bool VM::index_value(const Ref& o, std::int64_t& out) {
  if (o->tag == Tag::Int) { out = o.as<IntObj>()->v; return true; }
  if (o->tag == Tag::BigInt) { raise(rt.IndexError, "cannot fit 'int' into an index-sized integer"); return false; }
  Ref m = lookup_type(o->cls, S(*this, "__index__"));
  if (m && !o->cls->builtin) {
    Ref r = call1(m, o);
    if (!r) return false;
    if (r->tag == Tag::Int) { out = r.as<IntObj>()->v; return true; }
  }
  raise(rt.TypeError, "'" + type_name(o) + "' object cannot be interpreted as an integer");
  return false;
}

Ref VM::getitem(const Ref& o, const Ref& key) {
  Ref m = lookup_type(o->cls, S(*this, "__getitem__"));
  if (m) {
    Ref r = call2(m, o, key);
    if (!r && o->tag == Tag::Dict && exc && exc->cls == rt.KeyError && o->cls != rt.dict_t) {
      // dict subclasses: __missing__
      Ref miss = lookup_type(o->cls, S(*this, "__missing__"));
      if (miss && miss->tag == Tag::Func) { exc.reset(); return call2(miss, o, key); }
    }
    return r;
  }
  if (o->tag == Tag::Class) return class_subscript(*this, o, key);  // list[int], __class_getitem__ (modules/generic_alias.h)
  return raise(rt.TypeError, "'" + type_name(o) + "' object is not subscriptable");
}

bool VM::setitem(const Ref& o, const Ref& key, Ref v) {
  if (o->tag == Tag::Dict) return dict_set(o.as<DictObj>(), key, std::move(v));
  Ref m = lookup_type(o->cls, S(*this, "__setitem__"));
  if (!m) { raise(rt.TypeError, "'" + type_name(o) + "' object does not support item assignment"); return false; }
  Ref a[3] = {o, key, std::move(v)};
  return bool(call(m, a, 3));
}

bool VM::delitem(const Ref& o, const Ref& key) {
  Ref m = lookup_type(o->cls, S(*this, "__delitem__"));
  if (!m) { raise(rt.TypeError, "'" + type_name(o) + "' object doesn't support item deletion"); return false; }
  return bool(call2(m, o, key));
}

bool VM::to_list(const Ref& iterable, std::vector<Ref>& out) {
  if (iterable->tag == Tag::List) { out = iterable.as<ListObj>()->items; return true; }
  if (iterable->tag == Tag::Tuple) { out = iterable.as<TupleObj>()->items; return true; }
  Ref it = iter(iterable);
  if (!it) return false;
  for (;;) {
    Ref x = next(it);
    if (!x) return !exc;
    out.push_back(std::move(x));
    if ((out.size() & 0xffff) == 0 && double(out.size()) * 8.0 > double(memory_limit)) {
      raise(rt.MemoryError, "");
      return false;
    }
  }
}

}  // namespace pitfall::sim
