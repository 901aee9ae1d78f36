// Coroutine frames on a thread's own frame stack (see coro_frames.h).
#include "sim/vm/coro_frames.h"

namespace pitfall::sim {

bool gen_enter_frame(VM& vm, GenObj* g, const Ref& value) {
  if (g->finished || g->running || !g->frame) return false;
  if (!g->started && value && value.get() != vm.rt.None.get()) return false;
  if (vm.frames.size() + 1 >= size_t(vm.recursion_limit)) return false;
  Frame* f = g->frame;
  if (g->started) f->stack[f->sp++] = value ? value : vm.rt.None;
  g->started = true;
  g->running = true;
  vm.frames.push_back(f);
  return true;
}

Ref gen_leave_frame(VM& vm, GenObj* g, Stop how, Ref result) {
  g->running = false;
  if ((how == Stop::Exception || how == Stop::Returned) && g->frame) {
    // a finished generator drops its frame's references (_PyFrame_Clear)
    Frame* fr = g->frame;
    const int nl = fr->code->nlocalsplus();
    for (int i = 0; i < nl; ++i) fr->slots[size_t(i)].reset();
    while (fr->sp > 0) fr->stack[--fr->sp].reset();
    fr->func.reset();
    fr->locals.reset();
  }
  if (how == Stop::Exception) {
    g->finished = true;
    if (vm.matches(vm.exc, vm.rt.StopIteration)) {
      Ref e = std::move(vm.exc);
      vm.raise(vm.rt.RuntimeError, std::string(g->coroutine ? "coroutine" : g->async_gen ? "async generator" : "generator") + " raised StopIteration");
    } else if (g->async_gen && vm.matches(vm.exc, vm.rt.StopAsyncIteration)) {
      Ref e = std::move(vm.exc);
      vm.raise(vm.rt.RuntimeError, "async generator raised StopAsyncIteration");
    }
    return nullptr;
  }
  if (how == Stop::Returned) {
    g->finished = true;
    return result ? result : vm.rt.None;
  }
  return result;
}

}  // namespace pitfall::sim
