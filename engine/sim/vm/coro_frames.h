// Coroutine frames on a thread's own frame stack: how an asyncio task step
// can stop its thread midway (a GIL drop request after the switch interval, a
// blocking threading call) and go on later, as any Python thread's code does.
//
// Notes about the model: CPython 3.11 runs an awaited coroutine in a nested
// C call (SEND -> gen_send_ex -> _PyEval_EvalFrameDefault), and that nested
// eval loop still checks the eval breaker and drops the GIL there, blocking
// the OS thread in take_gil(). The VM cannot block a C++ stack, so when the
// loop thread's task step runs the task's coroutine in the thread's outermost
// eval, SEND pushes an awaited coroutine's frame onto the same frame stack
// (what CPython 3.12's SEND_GEN does): YIELD_VALUE in such a frame hands the
// value to the SEND below it, RETURN_VALUE ends the SEND (jump to its target
// with the value), an exception unwinds into the awaiting frame. The whole
// chain can then stop at any eval-breaker point. An async generator's asend()
// awaitable (`async for`, `await agen.asend(v)`) pushes the generator's frame
// the same way: its own yield completes the asend, its return raises
// StopAsyncIteration at the SEND. Generators driven by C code (sorted(),
// list(gen)), aclose()/athrow() and throw() still run nested, as before.
#pragma once
#include "sim/vm/vm.h"

namespace pitfall::sim {

// gen_send's prologue without the eval: pushes g's frame with `value` sent
// into it. False (nothing done) when g cannot run that way (finished,
// running, a non-None value into a fresh generator, recursion limit): the
// caller then takes the nested path, which raises the matching error.
bool gen_enter_frame(VM& vm, GenObj* g, const Ref& value);
// gen_send's epilogue: g's frame stopped with `how` (Yielded / Returned /
// Exception); returns the value (or null with the exception set, a
// StopIteration leaving the generator turned into RuntimeError).
Ref gen_leave_frame(VM& vm, GenObj* g, Stop how, Ref result);

// An async generator's asend() awaitable (what `async for` awaits) sent `v`:
// pushes the generator's frame (asend's prologue, genobject.c
// async_gen_asend_send). False (nothing done) when the nested path must take
// it (other awaitables, finished or running generators, errors to raise).
bool agen_enter_frame(VM& vm, const Ref& aw, Ref v);
// The generator's frame under `aw` yielded: true when it was its own yield
// (the asend completes with the value), false for an await inside it.
bool agen_frame_yielded(VM& vm, const Ref& aw);
// The generator's frame under `aw` returned (StopAsyncIteration raised) or
// raised (the exception set): the awaitable and generator states after it.
void agen_frame_left(VM& vm, const Ref& aw, bool returned);

}  // namespace pitfall::sim
