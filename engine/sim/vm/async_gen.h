// Async generators (`async def` with `yield`) and throwing into a suspended
// generator/coroutine, as Objects/genobject.c (3.11) does them.
#pragma once
#include "sim/vm/vm.h"

namespace pitfall::sim {

// The async_generator type's methods (__aiter__, __anext__, asend, athrow,
// aclose), its awaitables' (send, throw, close, __await__, __next__) and the
// aiter()/anext() built-ins.
void init_async_gen_types(VM& vm);

// _gen_throw: raise `e` inside g. When g is suspended in an `await`/`yield
// from`, the exception goes to the awaited object first (its throw(), or
// close() for GeneratorExit when close_on_genexit), and g resumes with what
// that gives back. Null with the exception set when g raised; else the value
// g yielded (how == Yielded) or returned (how == Returned).
Ref gen_throw(VM& vm, GenObj* g, Ref e, bool close_on_genexit, Stop& how);

// aiter(x), anext(x[, default])
Ref builtin_aiter(VM& vm, Args& a);
Ref builtin_anext(VM& vm, Args& a);

// SEND on an async generator's awaitable (asend/athrow/aclose/anext with a
// default): the value it yields (done false) or its result (done true); null
// with the exception set on error.
bool is_agen_awaitable(VM& vm, const Ref& o);
Ref agen_awaitable_send(VM& vm, const Ref& aw, const Ref& v, bool& done);

}  // namespace pitfall::sim
