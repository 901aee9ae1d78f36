// A child process's copy of the program's objects; pickling between processes (see fork_state.h).
#include "sim/vm/fork_state.h"

#include <unordered_map>
#include <unordered_set>

#include "sim/vm/thread_runtime.h"
#include "sim/vm/type_cache.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {

namespace {
// Values that hold no mutable state and no references: not walked.
bool leaf(const Ref& r) {
  switch (r->tag) {
    case Tag::None: case Tag::Int: case Tag::BigInt: case Tag::Float: case Tag::Str: case Tag::Bytes: return true;
    default: return false;
  }
}
}  // namespace

void ForkState::capture(VM& vm, const std::vector<Ref>& roots) {
  // A capture taken again (a process's view saved at each switch) reuses the
  // saved contents of the containers that have not changed since, and does
  // not walk again those that held only plain values (a list of a million
  // ints costs a comparison, not a copy and a walk).
  std::vector<Saved> old;
  old.swap(saved_);
  std::unordered_map<const Obj*, std::size_t> prev;
  prev.reserve(old.size());
  for (std::size_t i = 0; i < old.size(); ++i) prev.emplace(old[i].obj.get(), i);
  auto previous = [&](const Obj* o) -> Saved* {
    auto it = prev.find(o);
    return it == prev.end() ? nullptr : &old[it->second];
  };
  std::unordered_set<const Obj*> seen;
  std::vector<Obj*> todo;
  auto push = [&](const Ref& r) {
    if (r && !leaf(r) && seen.insert(r.get()).second) todo.push_back(r.get());
  };
  for (const Ref& r : roots) push(r);
  while (!todo.empty()) {
    Obj* o = todo.back();
    todo.pop_back();
    switch (o->tag) {
      case Tag::List: {
        auto* l = static_cast<ListObj*>(o);
        Saved s;
        s.obj = Ref(o);
        Saved* p = previous(o);
        if (p && p->refs.size() == l->items.size() && std::equal(l->items.begin(), l->items.end(), p->refs.begin())) {
          s.refs = std::move(p->refs);
          s.leaves = p->leaves;
        } else {
          s.refs = l->items;
          s.leaves = false;
        }
        if (!s.leaves) {
          bool leaves = true;
          for (const Ref& x : s.refs) {
            if (!x || leaf(x)) continue;
            leaves = false;
            push(x);
          }
          s.leaves = leaves;
        }
        saved_.push_back(std::move(s));
        break;
      }
      case Tag::Tuple: case Tag::FrozenSet:
        if (o->tag == Tag::Tuple) for (const Ref& x : static_cast<TupleObj*>(o)->items) push(x);
        break;
      case Tag::Dict: case Tag::Set: {
        auto* d = static_cast<DictObj*>(o);
        Saved s;
        s.obj = Ref(o);
        Saved* p = previous(o);
        bool same = p && p->used == d->used && p->entries.size() == d->entries.size() && p->index == d->index;
        for (std::size_t i = 0; same && i < d->entries.size(); ++i)
          same = p->entries[i].key == d->entries[i].key && p->entries[i].value == d->entries[i].value;
        if (same) {
          s.entries = std::move(p->entries);
          s.index = std::move(p->index);
          s.leaves = p->leaves;
        } else {
          s.entries = d->entries;
          s.index = d->index;
        }
        s.used = d->used;
        s.fill = d->set_fill;
        s.finger = d->set_finger;
        s.extra = d->default_factory;
        push(s.extra);
        if (!s.leaves) {
          bool leaves = true;
          for (const DictEntry& e : s.entries) {
            if (e.key && !leaf(e.key)) { leaves = false; push(e.key); }
            if (e.value && !leaf(e.value)) { leaves = false; push(e.value); }
          }
          s.leaves = leaves;
        }
        saved_.push_back(std::move(s));
        break;
      }
      case Tag::Instance: case Tag::Exception: {
        auto* io = static_cast<InstanceObj*>(o);
        Saved s;
        s.obj = Ref(o);
        s.refs = io->slots;
        s.extra = io->dict;
        saved_.push_back(std::move(s));
        push(io->dict);
        for (const Ref& x : io->slots) push(x);
        if (!o->cls->builtin) push(Ref(o->cls));
        break;
      }
      case Tag::Cell: {
        Saved s;
        s.obj = Ref(o);
        s.extra = static_cast<CellObj*>(o)->v;
        saved_.push_back(std::move(s));
        push(static_cast<CellObj*>(o)->v);
        break;
      }
      case Tag::Func: {
        auto* f = static_cast<FuncObj*>(o);
        if (f->code && f->co()->library) break;  // the simulator's own modules are not copied
        push(f->globals); push(f->defaults); push(f->kwdefaults); push(f->closure); push(f->dict);
        break;
      }
      case Tag::BoundMethod: { auto* b = static_cast<BoundMethodObj*>(o); push(b->func); push(b->self); break; }
      case Tag::Class: {
        auto* c = static_cast<ClassObj*>(o);
        if (c->builtin || !c->dict) break;
        Ref mod = vm.dict_get_str(c->dict.as<DictObj>(), vm.rt.intern("__module__").as<StrObj>());
        vm.exc.reset();
        if (!mod || mod->tag != Tag::Str || mod.as<StrObj>()->s != "__main__") break;
        push(c->dict);
        for (const Ref& b : c->bases) push(b);
        break;
      }
      case Tag::Module:
        if (vm.main_module.get() == o) push(static_cast<ModuleObj*>(o)->dict);
        break;
      case Tag::Property: { auto* p = static_cast<PropertyObj*>(o); push(p->fget); push(p->fset); push(p->fdel); break; }
      case Tag::StaticMethod: case Tag::ClassMethod: push(static_cast<WrapperObj*>(o)->f); break;
      default: break;  // immutable values, native objects (shared between processes), generators
    }
  }
}

void ForkState::apply() const {
  bool types = false;
  for (const Saved& s : saved_) {
    Obj* o = s.obj.get();
    switch (o->tag) {
      case Tag::List: {
        auto* l = static_cast<ListObj*>(o);
        if (l->items.size() != s.refs.size() || !std::equal(l->items.begin(), l->items.end(), s.refs.begin())) {
          l->items = s.refs;
          mem_touch(o);
        }
        break;
      }
      case Tag::Dict: case Tag::Set: {
        auto* d = static_cast<DictObj*>(o);
        bool same = d->used == s.used && d->entries.size() == s.entries.size();
        for (std::size_t i = 0; same && i < s.entries.size(); ++i)
          same = d->entries[i].key == s.entries[i].key && d->entries[i].value == s.entries[i].value;
        if (same) break;
        d->entries = s.entries;
        d->index = s.index;
        d->used = s.used;
        d->set_fill = s.fill;
        d->set_finger = s.finger;
        d->default_factory = s.extra;
        if (d->type_dict) types = true;
        mem_touch(o);
        break;
      }
      case Tag::Instance: case Tag::Exception: {
        auto* io = static_cast<InstanceObj*>(o);
        if (!(io->dict == s.extra)) io->dict = s.extra;
        if (io->slots.size() != s.refs.size() || !std::equal(io->slots.begin(), io->slots.end(), s.refs.begin()))
          io->slots = s.refs;
        break;
      }
      case Tag::Cell: {
        auto* c = static_cast<CellObj*>(o);
        if (!(c->v == s.extra)) c->v = s.extra;
        break;
      }
      default: break;
    }
  }
  if (types) type_attrs_changed();
}

std::vector<Ref> fork_roots(VM& vm, const std::vector<Ref>& extra) {
  std::vector<Ref> roots;
  if (vm.main_module) roots.push_back(vm.main_module);
  for (const Ref& r : extra) roots.push_back(r);
  return roots;
}

namespace {

ClassObj* pickling_error(VM& vm) {
  if (vm.threads) {
    auto it = vm.threads->errors.find("PicklingError");
    if (it != vm.threads->errors.end()) return it->second.as<ClassObj>();
  }
  ClassObj* c = vm.rt.new_exception("PicklingError", vm.rt.Exception);
  c->module = "_pickle";
  if (vm.threads) vm.threads->errors["PicklingError"] = Ref(c);
  return c;
}

std::string text_of(VM& vm, const Ref& v) {
  std::string s;
  if (v && v->tag == Tag::Str) return v.as<StrObj>()->s;
  if (!vm.str_to(v, s)) vm.exc.reset();
  return s;
}

// Lib/pickle.py save_global: by reference, looked up again by module and qualified name.
bool check_global(VM& vm, const Ref& v, const Ref& qualname, const Ref& module, const Ref& globals) {
  std::string q = text_of(vm, qualname), m = module ? text_of(vm, module) : "__main__";
  if (q.find("<locals>") != std::string::npos) {  // 3.13 words it as a failed lookup
    vm.raise(vm.rt.AttributeError, std::string(vm.python_minor() >= 13 ? "Can't get" : "Can't pickle") + " local object '" + q + "'");
    return false;
  }
  Ref cur;
  DictObj* g = globals && globals->tag == Tag::Dict ? globals.as<DictObj>() : nullptr;
  if (!g) {
    Ref mod = vm.modules ? vm.dict_get_str(vm.modules.as<DictObj>(), vm.rt.intern(m).as<StrObj>()) : Ref();
    if (mod && mod->tag == Tag::Module) g = mod.as<ModuleObj>()->dict.as<DictObj>();
  }
  if (!g) return true;  // a module of the simulator's own: importable
  std::size_t start = 0;
  for (;;) {
    std::size_t dot = q.find('.', start);
    std::string part = q.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    Ref name = vm.rt.intern(part);
    cur = cur ? vm.getattr_opt(cur, name.as<StrObj>()) : vm.dict_get_str(g, name.as<StrObj>());
    vm.exc.reset();
    if (!cur || dot == std::string::npos) break;
    start = dot + 1;
  }
  std::string r = text_of(vm, vm.repr(v));
  if (!cur) { vm.raise(pickling_error(vm), "Can't pickle " + r + ": attribute lookup " + q + " on " + m + " failed"); return false; }
  if (cur.get() != v.get())
    { vm.raise(pickling_error(vm), "Can't pickle " + r + ": it's not the same object as " + m + "." + q); return false; }
  return true;
}

struct Copier {
  VM& vm;
  std::unordered_map<const Obj*, Ref> memo;
  bool copy;  // false: only check
  Ref child_main;  // a spawned child's main module: globals of __main__ are found there

  // find_class in the child: the object of the same qualified name in its main module
  Ref rebind(const Ref& v, const Ref& qualname, const Ref& module) {
    if (!child_main) return v;
    std::string m = module ? text_of(vm, module) : "__main__";
    if (m != "__main__" && m != "__mp_main__") return v;
    std::string q = text_of(vm, qualname);
    Ref cur = child_main;
    std::size_t start = 0;
    for (;;) {
      std::size_t dot = q.find('.', start);
      std::string part = q.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
      cur = vm.getattr_opt(cur, vm.rt.intern(part).as<StrObj>());
      vm.exc.reset();
      if (!cur) return vm.raise(vm.rt.AttributeError, "Can't get attribute '" + q + "' on <module '" + m + "'>");
      if (dot == std::string::npos) return cur;
      start = dot + 1;
    }
  }

  int depth = 0;

  Ref run(const Ref& v) {
    if (++depth > 900) {  // pickle's recursion limit (the host stack is bounded too)
      --depth;
      return vm.raise(vm.rt.RecursionError, "maximum recursion depth exceeded while pickling an object");
    }
    Ref r = run_one(v);
    --depth;
    return r;
  }

  Ref run_one(const Ref& v) {
    if (!v) return v;
    switch (v->tag) {
      case Tag::None: case Tag::Int: case Tag::BigInt: case Tag::Float: case Tag::Str:
      case Tag::Bytes: case Tag::Range: case Tag::Builtin:
        return v;
      default: break;
    }
    if (auto it = memo.find(v.get()); it != memo.end()) return it->second;
    ClassObj* cls = v->cls;
    switch (v->tag) {
      case Tag::Func: {
        auto* f = v.as<FuncObj>();
        return check_global(vm, v, f->qualname, f->module, f->globals) ? rebind(v, f->qualname, f->module) : nullptr;
      }
      case Tag::Class: {
        auto* c = v.as<ClassObj>();
        if (c->builtin) return v;
        DictObj* d = c->dict.as<DictObj>();
        Ref q = vm.dict_get_str(d, vm.rt.intern("__qualname__").as<StrObj>());
        Ref m = vm.dict_get_str(d, vm.rt.intern("__module__").as<StrObj>());
        vm.exc.reset();
        if (!q) q = vm.rt.make_str(c->name);
        Ref globals;
        if (m && text_of(vm, m) == "__main__" && vm.main_module) globals = vm.main_module.as<ModuleObj>()->dict;
        return check_global(vm, v, q, m, globals) ? rebind(v, q, m) : nullptr;
      }
      case Tag::Generator:
        return vm.raise(vm.rt.TypeError, "cannot pickle 'generator' object");
      case Tag::Tuple: case Tag::List: {
        if (!cls->builtin) return v;
        if (v->tag == Tag::List) {
          auto& items = v.as<ListObj>()->items;
          Ref out = copy ? vm.rt.make_list() : v;
          memo[v.get()] = out;
          for (std::size_t i = 0; i < items.size(); ++i) {
            Ref x = run(items[i]);
            if (!x) return nullptr;
            if (copy) out.as<ListObj>()->items.push_back(x);
          }
          if (copy) mem_touch(out.get());
          return out;
        }
        std::vector<Ref> got;
        for (const Ref& i : v.as<TupleObj>()->items) {
          Ref x = run(i);
          if (!x) return nullptr;
          got.push_back(x);
        }
        Ref out = copy ? vm.rt.make_tuple(std::move(got)) : v;
        memo[v.get()] = out;
        return out;
      }
      case Tag::Dict: {
        if (!cls->builtin) return v;
        Ref out = copy ? vm.rt.make_dict() : v;
        memo[v.get()] = out;
        std::vector<DictEntry> entries = v.as<DictObj>()->entries;
        for (const DictEntry& e : entries) {
          if (!e.key) continue;
          Ref k = run(e.key), x = k ? run(e.value) : Ref();
          if (!x) return nullptr;
          if (copy && !vm.dict_set(out.as<DictObj>(), k, x)) return nullptr;
        }
        return out;
      }
      case Tag::Set: case Tag::FrozenSet: {
        if (!cls->builtin) return v;
        Ref items = vm.rt.make_list();
        for (const DictEntry& e : v.as<DictObj>()->entries) {
          if (!e.key) continue;
          Ref k = run(e.key);
          if (!k) return nullptr;
          items.as<ListObj>()->items.push_back(k);
        }
        if (!copy) return v;
        Ref out = vm.call1(Ref(cls), items);
        if (out) memo[v.get()] = out;
        return out;
      }
      case Tag::Instance: {
        Ref c = run(Ref(cls));
        if (!c) return nullptr;
        if (c->tag != Tag::Class) return vm.raise(vm.rt.TypeError, "cannot unpickle: not a class");
        auto* io = v.as<InstanceObj>();
        Ref out = copy ? make<InstanceObj>(c.as<ClassObj>()) : v;
        if (copy && !c.as<ClassObj>()->builtin) c->rc++;  // instances keep their class alive (released in obj_dealloc)
        memo[v.get()] = out;
        if (io->dict) {
          Ref d = run(io->dict);
          if (!d) return nullptr;
          if (copy) out.as<InstanceObj>()->dict = d;
        }
        for (const Ref& s : io->slots) {
          Ref x = s ? run(s) : s;
          if (s && !x) return nullptr;
          if (copy) out.as<InstanceObj>()->slots.push_back(x);
        }
        return out;
      }
      default:
        return v;  // exceptions, native objects: by reference
    }
  }
};

}  // namespace

Ref pickle_copy(VM& vm, const Ref& v) {
  Copier c{vm, {}, true, {}};
  return c.run(v);
}

bool pickle_check(VM& vm, const Ref& v) {
  Copier c{vm, {}, false, {}};
  return bool(c.run(v));
}

Ref pickle_copy_into(VM& vm, const Ref& v, const Ref& child_main) {
  Copier c{vm, {}, true, child_main};
  return c.run(v);
}

}  // namespace pitfall::sim
