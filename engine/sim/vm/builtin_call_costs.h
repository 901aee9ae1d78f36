// Base cost of calling a built-in whose implementation charges no cost of its
// own: `range(n)`, `zip(a, b)`, `enumerate(xs)`, `str(v)`, `int(s)`,
// `d.get(k)`, ... The CALL instruction is charged `CALL.builtin` /
// `CALL.method_builtin`; what the built-in does on top (building the range,
// zip or enumerate object, converting a number) is the `base_ns` of its
// `builtin.<name>` / `builtin.<module>.<name>` entry, measured by tools/calibrate with the same
// instruction split (engine/sim/costs/README.md, "builtins"). Built-ins that
// charge a size-dependent cost themselves (sum, sorted, list, str.join, ...)
// are left alone, and so are built-ins without a measured entry (the table's
// `builtin.default` is not charged: CALL.builtin was fitted on `len(l)`,
// whose own work is nil, and stands for the cheap built-ins).
#pragma once

namespace pitfall::sim {

class VM;
struct BuiltinObj;
struct Args;

// ns to charge after `b` ran without charging anything itself. Resolved once
// per built-in object (BuiltinObj::call_ns) from the VM's cost table: the key is
// `builtin.<name>` for functions and type constructors, and
// `builtin.<type>.<name>` for methods of built-in types and
// `builtin.<module>.<name>` for functions of modules (`math.sqrt`).
double builtin_call_base_ns(VM& vm, BuiltinObj* b, const Args& a);

// ns to charge when a built-in returns with an exception set: C code makes the
// exception object (PyErr_Format formats its message: `int('x5')`'s "invalid
// literal for int() with base 10: 'x5'") and the frame that called it adds a
// traceback entry; ~5x a `raise ValueError` of Python code. The table's
// `exception.builtin_raise_ns` (tools/calibrate_lib/ratio_costs.py: a failing
// minus a succeeding `int(s)` in try/except, less the handler's instructions);
// 0 for tables without it.
double builtin_raise_ns(VM& vm);

}  // namespace pitfall::sim
