// In-place string concatenation, as CPython decides it.
//
// Notes about the model: `s += t` (or `s = s + t`) copies the whole left string
// unless CPython can resize it in place (PyUnicode_Append ->
// unicode_modifiable + resize_compact), which needs the left string to be
// referred to only by the variable the result goes back to: the name's
// reference is dropped first, so a reference count of one remains. Then the
// append costs the right operand's length, amortised (realloc grows the block
// in place or moves it rarely), instead of the whole result.
// - 3.11+: only BINARY_OP_INPLACE_ADD_UNICODE (Python/specialize.c) does it,
//   when the next instruction is STORE_FAST to the same local. At module level
//   (STORE_NAME) and for globals every += copies: a quadratic loop.
// - 3.10: unicode_concatenate (Python/ceval.c) also clears the target of a
//   STORE_DEREF (a closure cell) or a STORE_NAME into a dict namespace (module
//   level), not a STORE_GLOBAL.
// - Never in place when the left string has another reference (kept in a list,
//   another name), is interned (identifiers, the constant ""), has had its hash
//   computed (used as a dict key or set item), or either side is a str
//   subclass.
// Left out: the first executions before 3.11 specialises the instruction.
#include "sim/vm/str_append.h"

#include "sim/compiler/code.h"
#include "sim/vm/objects_ext.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {

bool str_append_in_place(VM& vm, Frame* f, int op, const Obj* a, const Obj* b) {
  if (op != NB_INPLACE + NB_ADD && op != NB_ADD) return false;
  if (a->tag != Tag::Str || b->tag != Tag::Str) return false;
  if (a->cls != vm.rt.str_t || b->cls != vm.rt.str_t) return false;
  const auto* s = static_cast<const StrObj*>(a);
  if (s->interned || s->hash != -1) return false;
  // the stack's reference and the target's: nothing else
  if (a->rc != 2) return false;
  if (f->ip >= f->ncode) return false;
  const Instr& next = f->instrs[f->ip];
  const int minor = vm.python_minor();
  if (unfused_op(next.op) == STORE_FAST) return f->slots[next.arg].get() == a;
  if (minor >= 11) return false;
  if (next.op == STORE_DEREF) {
    const Ref& cell = f->slots[f->code->varnames.size() + next.arg];
    return cell && cell->tag == Tag::Cell && static_cast<const CellObj*>(cell.get())->v.get() == a;
  }
  if (next.op == STORE_NAME) {
    DictObj* d = f->locals ? (f->locals->tag == Tag::Dict ? f->locals.as<DictObj>() : nullptr) : f->globals_d;
    if (!d) return false;
    Ref cur = vm.dict_get_str(d, f->code->names[next.arg].as<StrObj>());
    return cur.get() == a;
  }
  return false;
}

}  // namespace pitfall::sim
