// Whether CPython appends to the left string in place for `s += t` / `s = s + t`
// (str_append.cpp).
#pragma once

namespace pitfall::sim {

class VM;
struct Frame;
struct Obj;

// `a op b` is about to run at BINARY_OP `op` in frame `f` (f->ip is the next
// instruction). True when CPython resizes `a` in place instead of copying it.
bool str_append_in_place(VM& vm, Frame* f, int op, const Obj* a, const Obj* b);

}  // namespace pitfall::sim
