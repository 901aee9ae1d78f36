// Frame and traceback objects, so that a kept exception keeps what CPython's
// keeps: e.__traceback__ -> traceback -> tb_frame -> the frame's locals (and
// f_back, the caller's frame, with its locals). `except E as e: self.err = e`
// makes the cycle e -> traceback -> frame -> self -> e, which only the cyclic
// GC frees.
//
// Notes about the model (Python/traceback.c PyTraceBack_Here,
// Python/frame.c take_ownership, Objects/frameobject.c):
// - An exception passing through a frame (raised there, or leaving a call
//   made there) prepends a traceback object (tb_frame, tb_lineno, tb_lasti,
//   tb_next) and gives the frame its frame object, made once per frame.
// - While the frame runs, the frame object reads it; when the frame ends the
//   frame object takes its locals (the values the frame had at its end:
//   `except ... as e` already unbound e) and links f_back to the caller's
//   frame object, made then if needed, as take_ownership does.
// - Sizes: a traceback is 56 bytes (3.10-3.13); a frame object is a fixed
//   part (3.10 368, 3.11/3.12 136, 3.13 152 bytes, measured) plus a pointer
//   per local, cell and value-stack slot of its code (the simulator's stack
//   size, close to CPython's).
// - tb_lasti is twice the simulator's instruction index (CPython counts
//   bytes, and its 3.11+ inline caches make it larger).
// Left out: frames of generators keep no f_back; f_locals of a running
// module-level frame is its globals; f_trace. traceback.format_tb /
// print_tb (modules/warnings_module.cpp) print no carets, and source lines
// only for the program's own file.
#include "sim/vm/frame_objects.h"

#include <cstdio>

#include "sim/vm/objects_ext.h"

namespace pitfall::sim {

namespace {

ClassObj* hidden_type(VM& vm, const char* hidden, const char* name) {
  DictObj* bd = vm.builtins.as<DictObj>();
  Ref t = vm.dict_get_str(bd, vm.rt.intern(hidden).as<StrObj>());
  if (t) return t.as<ClassObj>();
  ClassObj* c = vm.rt.new_builtin_type(name, vm.rt.object_t, Tag::Other);
  vm.dict_set(bd, vm.rt.intern(hidden), Ref(c));
  return c;
}

// Tag::Other objects are of many C++ types (NativeObj, the asyncio loop, ...):
// only the two hidden built-in types' instances are NativeObjs of these kinds
bool native_of_kind(const Obj* o, int kind) {
  if (!o || o->tag != Tag::Other || !o->cls || !o->cls->builtin || o->cls->module != "builtins") return false;
  const std::string& n = o->cls->name;
  if (n != "frame" && n != "traceback") return false;
  return native_kind(o) == kind;
}

FrameObjectObj* as_frame(const Ref& o) {
  if (!native_of_kind(o.get(), kFrameObjKind)) return nullptr;
  return static_cast<FrameObjectObj*>(o.get());
}
NativeObj* as_tb(const Ref& o) {
  if (!native_of_kind(o.get(), kTracebackObjKind)) return nullptr;
  return static_cast<NativeObj*>(o.get());
}

int line_at(const CodeObj* co, int ip) {
  if (ip < 0) ip = 0;
  return ip < int(co->pos.size()) ? co->pos[std::size_t(ip)].line : co->firstlineno;
}

Frame* caller_of(VM& vm, Frame* f) {
  for (std::size_t i = vm.frames.size(); i-- > 1;)
    if (vm.frames[i] == f) return vm.frames[i - 1];
  return nullptr;
}

// ---- frame attributes ----
Ref f_code(VM& vm, Args& a) { auto* fo = as_frame(a.v[0]); return fo && fo->a ? fo->a : vm.rt.None; }
Ref f_globals(VM& vm, Args& a) { auto* fo = as_frame(a.v[0]); return fo && fo->c ? fo->c : vm.rt.None; }
Ref f_lineno(VM& vm, Args& a) {
  auto* fo = as_frame(a.v[0]);
  if (!fo) return vm.rt.None;
  if (fo->live) return vm.rt.make_int(line_at(fo->live->code, fo->live->ip - 1));
  return vm.rt.make_int(fo->i);
}
Ref f_lasti(VM& vm, Args& a) {
  auto* fo = as_frame(a.v[0]);
  if (!fo) return vm.rt.None;
  return vm.rt.make_int(fo->live ? std::int64_t(fo->live->ip - 1) * 2 : fo->j);
}
Ref f_back(VM& vm, Args& a) {
  auto* fo = as_frame(a.v[0]);
  if (!fo) return vm.rt.None;
  if (fo->live) {
    Frame* c = caller_of(vm, fo->live);
    return c ? frame_object(vm, c) : vm.rt.None;
  }
  return fo->b ? fo->b : vm.rt.None;
}
Ref f_locals(VM& vm, Args& a) {
  auto* fo = as_frame(a.v[0]);
  if (!fo) return vm.rt.None;
  const CodeObj* co = fo->a.as<CodeObj>();
  if (fo->live && fo->live->locals) return fo->live->locals;
  if (fo->live && !(co->flags & CO_NEWLOCALS) && !co->varnames.size() && fo->c) return fo->c;  // module level
  Ref d = vm.rt.make_dict();
  const std::size_t nv = co->varnames.size(), nc = co->cellvars.size(), nf = co->freevars.size();
  for (std::size_t k = 0; k < nv + nc + nf; ++k) {
    const Ref* slot = nullptr;
    if (fo->live) slot = &fo->live->slots[k];
    else if (k < fo->v.size()) slot = &fo->v[k];
    if (!slot || !*slot) continue;
    Ref val = *slot;
    if (k >= nv) {  // a cell or free variable: its content
      if (val->tag != Tag::Cell) continue;
      val = static_cast<CellObj*>(val.get())->v;
      if (!val) continue;
    }
    const std::string& name = k < nv ? co->varnames[k] : k < nv + nc ? co->cellvars[k - nv] : co->freevars[k - nv - nc];
    vm.dict_set(d.as<DictObj>(), vm.rt.intern(name), val);
  }
  return d;
}
Ref f_clear(VM& vm, Args& a) {
  auto* fo = as_frame(a.v[0]);
  if (fo && fo->live) return vm.raise(vm.rt.RuntimeError, "cannot clear an executing frame");
  if (fo) { std::vector<Ref> old; old.swap(fo->v); }
  return vm.rt.None;
}
Ref f_repr(VM& vm, Args& a) {
  auto* fo = as_frame(a.v[0]);
  if (!fo) return vm.rt.make_str("<frame>");
  const CodeObj* co = fo->a.as<CodeObj>();
  const int line = fo->live ? line_at(co, fo->live->ip - 1) : int(fo->i);
  char addr[32];
  std::snprintf(addr, sizeof addr, "0x%llx", static_cast<unsigned long long>(reinterpret_cast<std::uintptr_t>(fo) & 0x7fffffffffff));
  return vm.rt.make_str("<frame at " + std::string(addr) + ", file '" + co->filename + "', line " + std::to_string(line) +
                        ", code " + co->name + ">");
}

// ---- traceback attributes ----
Ref tb_frame(VM& vm, Args& a) { auto* t = as_tb(a.v[0]); return t && t->a ? t->a : vm.rt.None; }
Ref tb_next(VM& vm, Args& a) { auto* t = as_tb(a.v[0]); return t && t->b ? t->b : vm.rt.None; }
Ref tb_lineno(VM& vm, Args& a) { auto* t = as_tb(a.v[0]); return vm.rt.make_int(t ? t->i : 0); }
Ref tb_lasti(VM& vm, Args& a) { auto* t = as_tb(a.v[0]); return vm.rt.make_int(t ? t->j : 0); }

void add_property(VM& vm, ClassObj* t, const char* name, BuiltinFn f) {
  Ref pr = make<PropertyObj>(vm.rt.property_t);
  pr.as<PropertyObj>()->fget = vm.make_builtin(name, f);
  vm.dict_set(t->dict.as<DictObj>(), vm.rt.intern(name), pr);
}

ClassObj* frame_type(VM& vm) {
  ClassObj* t = hidden_type(vm, "__pitfall_frame_t", "frame");
  if (!vm.dict_get_str(t->dict.as<DictObj>(), vm.rt.intern("f_code").as<StrObj>())) {
    add_property(vm, t, "f_code", f_code);
    add_property(vm, t, "f_globals", f_globals);
    add_property(vm, t, "f_lineno", f_lineno);
    add_property(vm, t, "f_lasti", f_lasti);
    add_property(vm, t, "f_back", f_back);
    add_property(vm, t, "f_locals", f_locals);
    vm.add_method(t, "clear", f_clear);
    vm.add_method(t, "__repr__", f_repr);
  }
  return t;
}

ClassObj* traceback_type(VM& vm) {
  ClassObj* t = hidden_type(vm, "__pitfall_traceback_t", "traceback");
  if (!vm.dict_get_str(t->dict.as<DictObj>(), vm.rt.intern("tb_frame").as<StrObj>())) {
    add_property(vm, t, "tb_frame", tb_frame);
    add_property(vm, t, "tb_next", tb_next);
    add_property(vm, t, "tb_lineno", tb_lineno);
    add_property(vm, t, "tb_lasti", tb_lasti);
  }
  return t;
}

}  // namespace

Ref frame_object(VM& vm, Frame* f) {
  if (f->frame_obj) return f->frame_obj;
  Ref o = make<FrameObjectObj>(frame_type(vm));
  auto* fo = static_cast<FrameObjectObj*>(o.get());
  fo->live = f;
  fo->a = f->code_ref;
  fo->c = f->globals;
  fo->i = f->code->firstlineno;
  f->frame_obj = o;
  return o;
}

void frame_object_detach(VM* vm, Frame* f, Frame* caller) {
  if (!f->frame_obj) return;
  Ref o = std::move(f->frame_obj);
  auto* fo = static_cast<FrameObjectObj*>(o.get());
  if (fo->live != f) return;
  fo->live = nullptr;
  fo->i = line_at(f->code, f->ip - 1);
  fo->j = std::int64_t(f->ip - 1) * 2;
  // take_ownership: the locals (and cells) move into the frame object
  if (o->rc > 1) {
    const int nl = f->code->nlocalsplus();
    fo->v.resize(std::size_t(nl));
    for (int k = 0; k < nl; ++k) fo->v[std::size_t(k)] = std::move(f->slots[std::size_t(k)]);
    if (vm && caller && caller != f) fo->b = frame_object(*vm, caller);
  }
}

void traceback_here(VM& vm, ExceptionObj* e, Frame* f, int ip) {
  e->trace.push_back({f->code_ref, ip});
  Ref tb = make<NativeObj>(traceback_type(vm), kTracebackObjKind);
  auto* t = static_cast<NativeObj*>(tb.get());
  t->a = frame_object(vm, f);
  t->b = std::move(e->traceback);
  t->i = line_at(f->code, ip);
  t->j = std::int64_t(ip < 0 ? 0 : ip) * 2;
  e->traceback = std::move(tb);
}

Ref exception_traceback(VM& vm, ExceptionObj* e) { return e->traceback ? e->traceback : vm.rt.None; }

bool set_exception_traceback(VM& vm, ExceptionObj* e, const Ref& tb) {
  if (tb && tb.get() != vm.rt.None.get() && !as_tb(tb)) {
    vm.raise(vm.rt.TypeError, "__traceback__ must be a traceback or None");
    return false;
  }
  e->traceback = tb && tb.get() != vm.rt.None.get() ? tb : Ref();
  // the printed traceback follows: the entries of the chain, innermost first
  std::vector<TraceEntry> trace;
  for (NativeObj* t = as_tb(e->traceback); t; t = as_tb(t->b)) {
    auto* fo = as_frame(t->a);
    if (!fo) break;
    int ip = int(t->j / 2);
    trace.insert(trace.begin(), TraceEntry{fo->a, ip});
  }
  e->trace = std::move(trace);
  return true;
}

bool is_frame_or_traceback(const Obj* o) {
  return native_of_kind(o, kFrameObjKind) || native_of_kind(o, kTracebackObjKind);
}

std::int64_t frame_objects_size(const Obj* o, int minor) {
  if (!is_frame_or_traceback(o)) return 0;
  const auto* n = static_cast<const NativeObj*>(o);
  if (n->kind == kTracebackObjKind) return 56;
  const CodeObj* co = n->a ? static_cast<const CodeObj*>(n->a.get()) : nullptr;
  const std::int64_t slots = co ? co->nlocalsplus() + co->stacksize : 0;
  const std::int64_t base = minor <= 10 ? 368 : minor <= 12 ? 136 : 152;
  return base + 8 * slots;
}

void frame_objects_clear(Obj* o) {
  auto* n = static_cast<NativeObj*>(o);
  Ref b = std::move(n->b);
  std::vector<Ref> old;
  old.swap(n->v);
  if (n->kind == kTracebackObjKind) { Ref a = std::move(n->a); }
}

Ref code_attribute(VM& vm, CodeObj* co, const std::string& name) {
  if (name == "co_name") return vm.rt.make_str(co->name);
  if (name == "co_qualname") return vm.rt.make_str(co->qualname.empty() ? co->name : co->qualname);
  if (name == "co_filename") return vm.rt.make_str(co->filename);
  if (name == "co_firstlineno") return vm.rt.make_int(co->firstlineno);
  if (name == "co_argcount") return vm.rt.make_int(co->argcount);
  if (name == "co_varnames") {
    std::vector<Ref> items;
    for (const std::string& v : co->varnames) items.push_back(vm.rt.make_str(v));
    return vm.rt.make_tuple(std::move(items));
  }
  return {};
}

Ref sys_getframe(VM& vm, Args& a) {
  std::int64_t depth = 0;
  if (a.n >= 1 && !vm.index_value(a.v[0], depth)) return {};
  if (depth < 0 || depth >= std::int64_t(vm.frames.size())) return vm.raise(vm.rt.ValueError, "call stack is not deep enough");
  return frame_object(vm, vm.frames[vm.frames.size() - 1 - std::size_t(depth)]);
}

Ref source_line_of(VM& vm, Args& a) {
  std::int64_t line = 0;
  if (a.n < 2 || a.v[0]->tag != Tag::Str || !vm.index_value(a.v[1], line)) return vm.rt.make_str("");
  if (a.v[0].as<StrObj>()->s != vm.filename || line < 1 || line > std::int64_t(vm.source_lines.size())) return vm.rt.make_str("");
  const std::string& s = vm.source_lines[std::size_t(line - 1)];
  const auto b = s.find_first_not_of(" \t\r\n\f\v");
  if (b == std::string::npos) return vm.rt.make_str("");
  const auto e = s.find_last_not_of(" \t\r\n\f\v");
  return vm.rt.make_str(s.substr(b, e - b + 1));
}

Ref sys_exc_info(VM& vm, Args&) {
  Ref e = vm.exc_info;
  if (!e || e.get() == vm.rt.None.get() || e->tag != Tag::Exception)
    return vm.rt.make_tuple({vm.rt.None, vm.rt.None, vm.rt.None});
  return vm.rt.make_tuple({Ref(e->cls), e, exception_traceback(vm, e.as<ExceptionObj>())});
}

}  // namespace pitfall::sim

namespace pitfall::sim {

// Any other way a frame ends (a generator's frame, a thread's teardown): the
// frame object keeps the locals, without f_back.
Frame::~Frame() {
  if (frame_obj) frame_object_detach(nullptr, this, nullptr);
}

}  // namespace pitfall::sim
