// Arbitrary-precision int arithmetic for the VM: the slow paths behind the
// 64-bit fast paths of BINARY_OP/COMPARE_OP, built on pylib's BigInt
// (Objects/longobject.c semantics). An int object is an IntObj when its value
// fits int64 and a BigIntObj otherwise (Runtime::make_int keeps that true), so
// `is_big_int` is a tag test that cost models can use.
#pragma once
#include <optional>
#include <string>

#include "sim/pylib/bigint.h"
#include "sim/pylib/hash.h"
#include "sim/pylib/result.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {

inline bool is_int_obj(const Obj* o) { return o->tag == Tag::Int || o->tag == Tag::BigInt; }
inline bool is_big_int(const Obj* o) { return o->tag == Tag::BigInt; }

// The value of an Int or BigInt object as a BigInt.
pylib::BigInt int_big(const Obj* o);
// Raises the Python exception a pylib operation reported; returns null.
Ref raise_pylib(VM& vm, const pylib::Error& e);
// a <op> b for two ints (op without the in-place offset), exact at any size.
Ref int_binary(VM& vm, int op, const Obj* a, const Obj* b);
// -1, 0, 1.
int int_compare(const Obj* a, const Obj* b);
// int vs float compared exactly (float_richcompare); nothing for nan.
std::optional<int> int_float_compare(const Obj* i, double d);
// float(i): OverflowError "int too large to convert to float".
bool int_to_double(VM& vm, const Obj* o, double& out);
Ref int_negate(VM& vm, const Obj* o);
Ref int_invert(VM& vm, const Obj* o);
Ref int_abs(VM& vm, const Obj* o);
std::int64_t int_hash(const Obj* o);
// str(i), with CPython's 4300-digit limit (ValueError).
bool int_to_decimal(VM& vm, const Obj* o, std::string& out);
// pow(a, b, m) for ints.
Ref int_pow_mod(VM& vm, const Obj* a, const Obj* b, const Obj* m);

}  // namespace pitfall::sim
