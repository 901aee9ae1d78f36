// Protocol steps of `async for` / `async with` used by the dispatch loop.
#pragma once
#include "sim/vm/vm.h"

namespace pitfall::sim {

// GET_AITER: o.__aiter__(), checked to have __anext__. Null on error.
Ref async_get_aiter(VM& vm, const Ref& o);
// GET_ANEXT: the awaitable aiter.__anext__() returns. Null on error.
Ref async_get_anext(VM& vm, const Ref& aiter);
// BEFORE_ASYNC_WITH: binds mgr.__aexit__ into exit_out and returns the
// awaitable of mgr.__aenter__(). Null on error.
Ref async_before_with(VM& vm, const Ref& mgr, Ref& exit_out);

}  // namespace pitfall::sim
