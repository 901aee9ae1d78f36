// Async generators and delegated throw/close, after Objects/genobject.c (3.11).
//
// An async generator is a GenObj with async_gen set (class async_generator).
// Its own `yield v` is marked (GenObj::wrapped, 3.11's ASYNC_GEN_WRAP) so the
// awaitable driving it can tell an async yield (the awaitable completes with
// v: StopIteration(v)) from an await inside it (v passes out to the task).
// The awaitables are NativeObj: a = the generator, b = asend's value or
// athrow's exception (null: aclose), c = anext's default, i = state.
#include "sim/vm/async_gen.h"

#include "sim/modules/asyncio_state.h"
#include "sim/vm/coro_frames.h"

namespace pitfall::sim {

namespace {

enum { INIT = 0, ITER = 1, CLOSED = 2 };                // AWAITABLE_STATE_*
enum { K_ASEND = 0x41470001, K_ATHROW, K_ACLOSE, K_ANEXT };  // NativeObj kinds

NativeObj* N(const Ref& r) { return r.as<NativeObj>(); }
GenObj* G(const Ref& r) { return r.as<GenObj>(); }
StrObj* S(VM& vm, const char* s) { return vm.rt.intern(s).as<StrObj>(); }

const char* kind_word(const GenObj* g) { return g->coroutine ? "coroutine" : g->async_gen ? "async generator" : "generator"; }

// genobject.c async_gen_init_hooks: the first iteration calls the loop's firstiter
void init_hooks(VM& vm, const Ref& agen) {
  GenObj* g = G(agen);
  if (g->ag_hooks_inited) return;
  g->ag_hooks_inited = true;
  asyncio_agen_firstiter(vm, agen);
}

// The sub-iterator g is suspended in: the frame stopped at the YIELD_VALUE of
// an await/yield-from loop (GET_AWAITABLE; SEND; YIELD_VALUE; JUMP_BACKWARD to
// the SEND) keeps it on top of its stack (_PyGen_yf).
Ref delegate_of(GenObj* g, int* send_ip) {
  Frame* f = g->frame;
  if (!f || !g->started || g->finished || f->sp < 1) return nullptr;
  const auto& code = f->code->code;
  if (f->ip < 0 || size_t(f->ip) >= code.size() || code[size_t(f->ip)].op != JUMP_BACKWARD) return nullptr;
  int s = code[size_t(f->ip)].arg;
  if (s < 0 || size_t(s) >= code.size() || code[size_t(s)].op != SEND) return nullptr;
  if (send_ip) *send_ip = s;
  return f->stack[f->sp - 1];
}

// async_gen_unwrap_value: the generator's own yield completes the awaitable
Ref unwrap(VM& vm, GenObj* g, Ref r, Stop how, bool& done) {
  done = false;
  if (r && how == Stop::Returned) {
    r.reset();
    vm.raise(vm.rt.StopAsyncIteration, "");
  }
  if (!r) {
    if (vm.matches(vm.exc, vm.rt.StopAsyncIteration) || vm.matches(vm.exc, vm.rt.GeneratorExit)) g->ag_closed = true;
    g->ag_running_async = false;
    return nullptr;
  }
  if (g->wrapped) {
    g->wrapped = false;
    g->ag_running_async = false;
    done = true;
  }
  return r;
}

// Resume g (a finished async generator raises StopAsyncIteration, as gen_send_ex)
Ref resume(VM& vm, GenObj* g, const Ref& v, Stop& how) {
  if (g->finished) {
    how = Stop::Exception;
    return vm.raise(vm.rt.StopAsyncIteration, "");
  }
  return vm.gen_send(g, v, how);
}

// Sends v into an awaitable's iterator (what SEND does), for anext's wrapper.
Ref await_send(VM& vm, const Ref& it, const Ref& v, bool& done) {
  done = false;
  if (it->tag == Tag::Generator) {
    Stop how = Stop::Exception;
    Ref r = vm.gen_send(G(it), v, how);
    if (r && how == Stop::Returned) done = true;
    return r;
  }
  if (is_agen_awaitable(vm, it)) return agen_awaitable_send(vm, it, v, done);
  Ref m = v.get() == vm.rt.None.get() ? vm.lookup_type(it->cls, S(vm, "__next__")) : vm.getattr(it, S(vm, "send"));
  if (!m) return vm.exc ? nullptr : vm.raise(vm.rt.TypeError, "'" + vm.type_name(it) + "' object is not an iterator");
  Ref r = v.get() == vm.rt.None.get() ? vm.call1(m, it) : vm.call1(m, v);
  if (!r && vm.matches(vm.exc, vm.rt.StopIteration)) {
    Ref e = std::move(vm.exc);
    done = true;
    Ref val = e.as<ExceptionObj>()->value;
    return val ? val : vm.rt.None;
  }
  return r;
}

Ref exc_instance(VM& vm, Ref e) {
  if (e->tag == Tag::Class && e.as<ClassObj>()->is_exception) e = vm.call0(e);
  if (!e) return nullptr;
  if (e->tag != Tag::Exception)
    return vm.raise(vm.rt.TypeError, "exceptions must be classes or instances deriving from BaseException, not " + vm.type_name(e));
  return e;
}

// ---- the awaitables ----

Ref ignored_exit(VM& vm, NativeObj* o) {
  G(o->a)->ag_running_async = false;
  o->i = CLOSED;
  return vm.raise(vm.rt.RuntimeError, "async generator ignored GeneratorExit");
}
// athrow's check_error: aclose() completes when the generator ends or exits
Ref athrow_error(VM& vm, NativeObj* o, bool& done) {
  G(o->a)->ag_running_async = false;
  o->i = CLOSED;
  if (o->kind == K_ACLOSE && (vm.matches(vm.exc, vm.rt.StopAsyncIteration) || vm.matches(vm.exc, vm.rt.GeneratorExit))) {
    vm.exc.reset();
    done = true;
    return vm.rt.None;
  }
  return nullptr;
}
// aclose()'s outcome of one resumption of the generator
Ref aclose_result(VM& vm, NativeObj* o, Ref r, Stop how, bool& done) {
  GenObj* g = G(o->a);
  if (!r) return athrow_error(vm, o, done);
  if (how == Stop::Returned) {
    r.reset();
    vm.raise(vm.rt.StopAsyncIteration, "");
    return athrow_error(vm, o, done);
  }
  if (g->wrapped) {
    g->wrapped = false;
    return ignored_exit(vm, o);
  }
  return r;
}

Ref asend_send(VM& vm, NativeObj* o, Ref v, bool& done) {
  GenObj* g = G(o->a);
  if (o->i == CLOSED) return vm.raise(vm.rt.RuntimeError, "cannot reuse already awaited __anext__()/asend()");
  if (o->i == INIT) {
    if (g->ag_running_async) return vm.raise(vm.rt.RuntimeError, "anext(): asynchronous generator is already running");
    if (v.get() == vm.rt.None.get()) v = o->b ? o->b : vm.rt.None;
    o->i = ITER;
  }
  g->ag_running_async = true;
  Stop how = Stop::Exception;
  Ref r = resume(vm, g, v, how);
  r = unwrap(vm, g, r, how, done);
  if (!r || done) o->i = CLOSED;
  return r;
}

}  // namespace

// ---- asend() on the awaiting frame stack (coro_frames.h) ----
bool agen_enter_frame(VM& vm, const Ref& aw, Ref v) {
  if (!is_agen_awaitable(vm, aw)) return false;
  NativeObj* o = N(aw);
  if (o->kind != K_ASEND || o->i == CLOSED) return false;
  GenObj* g = G(o->a);
  if (g->finished || g->running || !g->frame) return false;
  if (o->i == INIT) {
    if (g->ag_running_async) return false;  // the nested path raises "already running"
    if (v.get() == vm.rt.None.get()) v = o->b ? o->b : vm.rt.None;
  }
  if (!gen_enter_frame(vm, g, v)) return false;
  o->i = ITER;
  g->ag_running_async = true;
  return true;
}

bool agen_frame_yielded(VM& vm, const Ref& aw) {
  NativeObj* o = N(aw);
  GenObj* g = G(o->a);
  if (!g->wrapped) return false;  // an await inside the generator: the value goes on out
  g->wrapped = false;
  g->ag_running_async = false;
  o->i = CLOSED;
  return true;
}

void agen_frame_left(VM& vm, const Ref& aw, bool returned) {
  NativeObj* o = N(aw);
  GenObj* g = G(o->a);
  if (returned) vm.raise(vm.rt.StopAsyncIteration, "");
  if (vm.matches(vm.exc, vm.rt.StopAsyncIteration) || vm.matches(vm.exc, vm.rt.GeneratorExit)) g->ag_closed = true;
  g->ag_running_async = false;
  o->i = CLOSED;
}

namespace {

Ref athrow_send(VM& vm, NativeObj* o, const Ref& v, bool& done) {
  GenObj* g = G(o->a);
  const bool aclose = o->kind == K_ACLOSE;
  if (o->i == CLOSED) return vm.raise(vm.rt.RuntimeError, "cannot reuse already awaited aclose()/athrow()");
  if (g->finished) {
    o->i = CLOSED;
    done = true;
    return vm.rt.None;
  }
  Stop how = Stop::Exception;
  if (o->i == INIT) {
    if (g->ag_running_async) {
      o->i = CLOSED;
      return vm.raise(vm.rt.RuntimeError, aclose ? "aclose(): asynchronous generator is already running"
                                                 : "athrow(): asynchronous generator is already running");
    }
    if (g->ag_closed) {
      o->i = CLOSED;
      return vm.raise(vm.rt.StopAsyncIteration, "");
    }
    if (v.get() != vm.rt.None.get()) return vm.raise(vm.rt.RuntimeError, "can't send non-None value to a just-started coroutine");
    o->i = ITER;
    g->ag_running_async = true;
    if (aclose) {
      g->ag_closed = true;
      Ref r = gen_throw(vm, g, vm.new_exception(vm.rt.GeneratorExit, ""), false, how);
      return aclose_result(vm, o, r, how, done);
    }
    Ref e = exc_instance(vm, o->b);
    if (!e) return athrow_error(vm, o, done);
    Ref r = gen_throw(vm, g, e, false, how);
    r = unwrap(vm, g, r, how, done);
    if (!r) return athrow_error(vm, o, done);
    return r;
  }
  Ref r = resume(vm, g, v, how);
  if (!aclose) return unwrap(vm, g, r, how, done);
  return aclose_result(vm, o, r, how, done);
}

Ref anext_send(VM& vm, NativeObj* o, const Ref& v, bool& done) {
  if (!o->d) {  // the wrapped iterator's __anext__() awaitable, made at the first send
    Ref m = vm.lookup_type(o->a->cls, S(vm, "__anext__"));
    if (!m) return vm.raise(vm.rt.TypeError, "'" + vm.type_name(o->a) + "' object is not an async iterator");
    Ref aw = vm.call1(m, o->a);
    if (!aw) return nullptr;
    if (aw->tag != Tag::Generator && !is_agen_awaitable(vm, aw)) {
      Ref am = vm.getattr_opt(aw, S(vm, "__await__"));
      if (!am) return vm.exc ? nullptr : vm.raise(vm.rt.TypeError, "'" + vm.type_name(aw) + "' object can't be awaited");
      aw = vm.call0(am);
      if (!aw) return nullptr;
    }
    o->d = aw;
  }
  Ref r = await_send(vm, o->d, v, done);
  if (!r && vm.matches(vm.exc, vm.rt.StopAsyncIteration)) {  // exhausted: the default
    vm.exc.reset();
    done = true;
    return o->c;
  }
  return r;
}

Ref awaitable_throw(VM& vm, NativeObj* o, const Ref& e, bool& done) {
  done = false;
  Stop how = Stop::Exception;
  if (o->kind == K_ANEXT) {
    if (!o->d) return vm.raise_obj(e);
    if (o->d->tag == Tag::Generator) {
      Ref r = gen_throw(vm, G(o->d), e, true, how);
      done = r && how == Stop::Returned;
      if (!r && vm.matches(vm.exc, vm.rt.StopAsyncIteration)) { vm.exc.reset(); done = true; return o->c; }
      return r;
    }
    if (is_agen_awaitable(vm, o->d)) return awaitable_throw(vm, N(o->d), e, done);
    return vm.raise_obj(e);
  }
  GenObj* g = G(o->a);
  if (o->kind == K_ASEND) {
    if (o->i == CLOSED) return vm.raise(vm.rt.RuntimeError, "cannot reuse already awaited __anext__()/asend()");
    Ref r = g->finished ? vm.raise_obj(e) : gen_throw(vm, g, e, true, how);
    r = unwrap(vm, g, r, how, done);
    if (!r || done) o->i = CLOSED;
    return r;
  }
  if (o->i == CLOSED) return vm.raise(vm.rt.RuntimeError, "cannot reuse already awaited aclose()/athrow()");
  Ref r = g->finished ? vm.raise_obj(e) : gen_throw(vm, g, e, true, how);
  if (o->kind == K_ATHROW) return unwrap(vm, g, r, how, done);
  if (r && how == Stop::Yielded && g->wrapped) {
    g->wrapped = false;
    return ignored_exit(vm, o);
  }
  if (!r && (vm.matches(vm.exc, vm.rt.StopAsyncIteration) || vm.matches(vm.exc, vm.rt.GeneratorExit))) {
    vm.exc.reset();
    done = true;
    return vm.rt.None;
  }
  if (r && how == Stop::Returned) { done = true; return vm.rt.None; }
  return r;
}

// Python-level methods: send/__next__ end in StopIteration(value) when done
Ref finish(VM& vm, Ref r, bool done) {
  if (!r || !done) return r;
  Ref e = vm.new_exception(vm.rt.StopIteration, "");
  if (r.get() != vm.rt.None.get()) {
    e.as<ExceptionObj>()->value = r;
    e.as<ExceptionObj>()->args = vm.rt.make_tuple({r});
  }
  return vm.raise_obj(e);
}
Ref aw_send(VM& vm, Args& a) {
  bool done = false;
  Ref r = agen_awaitable_send(vm, a.v[0], a.n > 1 ? a.v[1] : vm.rt.None, done);
  return finish(vm, r, done);
}
Ref aw_next(VM& vm, Args& a) {
  bool done = false;
  Ref r = agen_awaitable_send(vm, a.v[0], vm.rt.None, done);
  return finish(vm, r, done);
}
Ref aw_throw(VM& vm, Args& a) {
  if (a.n < 2) return vm.raise(vm.rt.TypeError, "throw expected at least 1 argument, got 0");
  Ref e = exc_instance(vm, a.v[1]);
  if (!e) return nullptr;
  bool done = false;
  Ref r = awaitable_throw(vm, N(a.v[0]), e, done);
  return finish(vm, r, done);
}
Ref aw_close(VM& vm, Args& a) {
  N(a.v[0])->i = CLOSED;
  return vm.rt.None;
}
Ref aw_self(VM&, Args& a) { return a.v[0]; }

// ---- async_generator methods ----

Ref make_awaitable(VM& vm, ClassObj* cls, int kind, const Ref& agen, Ref b) {
  init_hooks(vm, agen);
  Ref o = make<NativeObj>(cls, kind);
  N(o)->a = agen;
  N(o)->b = std::move(b);
  return o;
}
Ref ag_anext(VM& vm, Args& a) { return make_awaitable(vm, vm.rt.async_gen_asend_t, K_ASEND, a.v[0], nullptr); }
Ref ag_asend(VM& vm, Args& a) {
  if (a.n < 2) return vm.raise(vm.rt.TypeError, "async_generator.asend() takes exactly one argument (0 given)");
  return make_awaitable(vm, vm.rt.async_gen_asend_t, K_ASEND, a.v[0], a.v[1]);
}
Ref ag_athrow(VM& vm, Args& a) {
  if (a.n < 2) return vm.raise(vm.rt.TypeError, "athrow expected at least 1 argument, got 0");
  Ref e = a.v[1];
  if (a.n > 2 && a.v[2].get() != vm.rt.None.get() && e->tag == Tag::Class) e = a.v[2];
  return make_awaitable(vm, vm.rt.async_gen_athrow_t, K_ATHROW, a.v[0], e);
}
Ref ag_aclose(VM& vm, Args& a) { return make_awaitable(vm, vm.rt.async_gen_athrow_t, K_ACLOSE, a.v[0], nullptr); }

}  // namespace

// ---- built-ins ----

Ref builtin_aiter(VM& vm, Args& a) {
  if (a.n != 1) return vm.raise(vm.rt.TypeError, "aiter expected 1 argument, got " + std::to_string(a.n));
  Ref m = vm.lookup_type(a.v[0]->cls, S(vm, "__aiter__"));
  if (!m) return vm.raise(vm.rt.TypeError, "'" + vm.type_name(a.v[0]) + "' object is not an async iterable");
  Ref it = vm.call1(m, a.v[0]);
  if (!it) return nullptr;
  if (!vm.lookup_type(it->cls, S(vm, "__anext__")))
    return vm.raise(vm.rt.TypeError, "aiter() returned not an async iterator of type '" + vm.type_name(it) + "'");
  return it;
}
Ref builtin_anext(VM& vm, Args& a) {
  if (a.n < 1 || a.n > 2) return vm.raise(vm.rt.TypeError, "anext expected at least 1 argument, got " + std::to_string(a.n));
  Ref m = vm.lookup_type(a.v[0]->cls, S(vm, "__anext__"));
  if (!m) return vm.raise(vm.rt.TypeError, "'" + vm.type_name(a.v[0]) + "' object is not an async iterator");
  if (a.n == 1) return vm.call1(m, a.v[0]);
  if (a.v[0]->tag == Tag::Generator && G(a.v[0])->async_gen) init_hooks(vm, a.v[0]);
  Ref o = make<NativeObj>(vm.rt.anext_awaitable_t, K_ANEXT);
  N(o)->a = a.v[0];
  N(o)->c = a.v[1];
  return o;
}

bool is_agen_awaitable(VM& vm, const Ref& o) {
  return o && o->tag == Tag::Other &&
         (o->cls == vm.rt.async_gen_asend_t || o->cls == vm.rt.async_gen_athrow_t || o->cls == vm.rt.anext_awaitable_t);
}

Ref agen_awaitable_send(VM& vm, const Ref& aw, const Ref& v, bool& done) {
  done = false;
  NativeObj* o = N(aw);
  if (o->kind == K_ASEND) return asend_send(vm, o, v, done);
  if (o->kind == K_ANEXT) return anext_send(vm, o, v, done);
  return athrow_send(vm, o, v, done);
}

Ref agen_awaitable_throw(VM& vm, const Ref& aw, const Ref& e, bool& done) { return awaitable_throw(vm, N(aw), e, done); }

// close() of an awaited object (gen_close_iter): true when it closed cleanly
static bool close_iter(VM& vm, const Ref& yf) {
  if (yf->tag == Tag::Generator) {
    GenObj* s = G(yf);
    if (s->finished || !s->started) { s->finished = true; return true; }
    Stop how = Stop::Exception;
    Ref r = gen_throw(vm, s, vm.new_exception(vm.rt.GeneratorExit, ""), true, how);
    if (r && how == Stop::Yielded) {
      vm.raise(vm.rt.RuntimeError, std::string(kind_word(s)) + " ignored GeneratorExit");
      return false;
    }
    if (!r && (vm.matches(vm.exc, vm.rt.GeneratorExit) || vm.matches(vm.exc, vm.rt.StopIteration))) vm.exc.reset();
    return !vm.exc;
  }
  if (is_agen_awaitable(vm, yf)) { N(yf)->i = CLOSED; return true; }
  Ref m = vm.getattr_opt(yf, S(vm, "close"));
  if (!m) { if (vm.exc) vm.exc.reset(); return true; }
  return bool(vm.call0(m));
}

Ref gen_throw(VM& vm, GenObj* g, Ref e, bool close_on_genexit, Stop& how) {
  how = Stop::Exception;
  int send_ip = -1;
  Ref yf = g->running ? Ref() : delegate_of(g, &send_ip);
  if (yf) {
    Ref keep(g);
    if (close_on_genexit && vm.matches(e, vm.rt.GeneratorExit)) {
      g->running = true;
      bool ok = close_iter(vm, yf);
      g->running = false;
      if (!ok) {  // close() failed: that error is raised in g instead
        Ref err = std::move(vm.exc);
        return vm.gen_send(g, vm.rt.None, how, err);
      }
      return vm.gen_send(g, vm.rt.None, how, e);
    }
    Ref ret;
    bool sub_done = false;
    g->running = true;
    if (yf->tag == Tag::Generator) {
      Stop sub_how = Stop::Exception;
      ret = gen_throw(vm, G(yf), e, close_on_genexit, sub_how);
      sub_done = ret && sub_how == Stop::Returned;
    } else if (is_agen_awaitable(vm, yf)) {
      ret = awaitable_throw(vm, N(yf), e, sub_done);
    } else {
      Ref m = vm.getattr_opt(yf, S(vm, "throw"));
      if (!m) {
        g->running = false;
        if (vm.exc) return nullptr;
        return vm.gen_send(g, vm.rt.None, how, e);  // throw_here
      }
      ret = vm.call1(m, e);
    }
    g->running = false;
    if (ret && !sub_done) {
      how = Stop::Yielded;
      return ret;
    }
    // the awaited object finished: g goes on after its await loop
    Frame* f = g->frame;
    f->stack[--f->sp].reset();
    f->ip = f->code->code[size_t(send_ip)].arg;
    if (sub_done) return vm.gen_send(g, ret, how);
    if (vm.matches(vm.exc, vm.rt.StopIteration)) {
      Ref stop = std::move(vm.exc);
      Ref val = stop.as<ExceptionObj>()->value;
      return vm.gen_send(g, val ? val : vm.rt.None, how);
    }
    Ref err = std::move(vm.exc);
    return vm.gen_send(g, vm.rt.None, how, err);
  }
  return vm.gen_send(g, vm.rt.None, how, e);  // throw_here
}

void init_async_gen_types(VM& vm) {
  auto& rt = vm.rt;
  vm.add_method(rt.async_generator_t, "__aiter__", aw_self);
  vm.add_method(rt.async_generator_t, "__anext__", ag_anext);
  vm.add_method(rt.async_generator_t, "asend", ag_asend);
  vm.add_method(rt.async_generator_t, "athrow", ag_athrow);
  vm.add_method(rt.async_generator_t, "aclose", ag_aclose);
  for (ClassObj* t : {rt.async_gen_asend_t, rt.async_gen_athrow_t, rt.anext_awaitable_t}) {
    vm.add_method(t, "send", aw_send);
    vm.add_method(t, "__next__", aw_next);
    vm.add_method(t, "throw", aw_throw);
    vm.add_method(t, "close", aw_close);
    vm.add_method(t, "__await__", aw_self);
    vm.add_method(t, "__iter__", aw_self);
  }
}

}  // namespace pitfall::sim
