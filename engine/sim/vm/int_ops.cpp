// Arbitrary-precision int slow paths (see int_ops.h).
#include "sim/vm/int_ops.h"

#include <cmath>

#include "sim/vm/bigint_costs.h"

namespace pitfall::sim {

using pylib::BigInt;
using pylib::ErrorKind;

BigInt int_big(const Obj* o) {
  if (o->tag == Tag::BigInt) return static_cast<const BigIntObj*>(o)->v;
  return BigInt(static_cast<const IntObj*>(o)->v);
}

Ref raise_pylib(VM& vm, const pylib::Error& e) {
  auto& rt = vm.rt;
  ClassObj* t = rt.ValueError;
  switch (e.kind) {
    case ErrorKind::ValueError: t = rt.ValueError; break;
    case ErrorKind::TypeError: t = rt.TypeError; break;
    case ErrorKind::OverflowError: t = rt.OverflowError; break;
    case ErrorKind::ZeroDivisionError: t = rt.ZeroDivisionError; break;
    case ErrorKind::KeyError: t = rt.KeyError; break;
    case ErrorKind::IndexError: t = rt.IndexError; break;
    case ErrorKind::MemoryError: t = rt.MemoryError; break;
    case ErrorKind::NeedsFloat: t = rt.ValueError; break;
  }
  return vm.raise(t, e.message);
}

template <class T>
static Ref wrap(VM& vm, pylib::Result<T> r) {
  if (!r) return raise_pylib(vm, r.error());
  return vm.rt.make_int(*r);
}

bool int_to_double(VM& vm, const Obj* o, double& out) {
  if (o->tag == Tag::Int) { out = double(static_cast<const IntObj*>(o)->v); return true; }
  auto r = static_cast<const BigIntObj*>(o)->v.to_double();
  if (!r) { raise_pylib(vm, r.error()); return false; }
  out = *r;
  return true;
}

Ref int_binary(VM& vm, int op, const Obj* a, const Obj* b) {
  BigInt x = int_big(a), y = int_big(b);
  if (is_big_int(a) || is_big_int(b)) vm.charge(bigint_op_ns(vm, op, x, y));
  switch (op) {
    case NB_ADD: return vm.rt.make_int(x + y);
    case NB_SUBTRACT: return vm.rt.make_int(x - y);
    case NB_MULTIPLY:
      // Objects/longobject.c has no size limit; the simulator bounds what it computes
      if (x.bit_length() + y.bit_length() > pylib::kMaxBits)
        return vm.raise(vm.rt.MemoryError, "integer too large for the simulator");
      return vm.rt.make_int(x * y);
    case NB_FLOOR_DIVIDE: return wrap(vm, BigInt::floordiv(x, y));
    case NB_REMAINDER: return wrap(vm, BigInt::mod(x, y));
    case NB_TRUE_DIVIDE: {
      auto r = BigInt::truediv(x, y);
      if (!r) return raise_pylib(vm, r.error());
      return vm.rt.make_float(*r);
    }
    case NB_POWER: {
      auto r = BigInt::pow(x, y);
      if (!r && r.error().kind == ErrorKind::NeedsFloat) {
        // int ** negative int is float ** float (long_pow)
        if (x.is_zero()) return vm.raise(vm.rt.ZeroDivisionError, "0.0 cannot be raised to a negative power");
        double p, q;
        if (!int_to_double(vm, a, p) || !int_to_double(vm, b, q)) return nullptr;
        return vm.rt.make_float(std::pow(p, q));
      }
      return wrap(vm, std::move(r));
    }
    case NB_LSHIFT: return wrap(vm, BigInt::lshift(x, y));
    case NB_RSHIFT: return wrap(vm, BigInt::rshift(x, y));
    case NB_AND: return vm.rt.make_int(x & y);
    case NB_OR: return vm.rt.make_int(x | y);
    case NB_XOR: return vm.rt.make_int(x ^ y);
    default: break;
  }
  return vm.raise(vm.rt.TypeError, "unsupported operand type(s) for @: 'int' and 'int'");
}

int int_compare(const Obj* a, const Obj* b) {
  if (a->tag == Tag::Int && b->tag == Tag::Int) {
    auto p = static_cast<const IntObj*>(a)->v, q = static_cast<const IntObj*>(b)->v;
    return p < q ? -1 : p > q ? 1 : 0;
  }
  auto c = int_big(a) <=> int_big(b);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

std::optional<int> int_float_compare(const Obj* i, double d) {
  if (std::isnan(d)) return std::nullopt;
  auto c = int_big(i).compare_double(d);
  if (!c) return std::nullopt;
  return *c < 0 ? -1 : *c > 0 ? 1 : 0;
}

Ref int_negate(VM& vm, const Obj* o) { return vm.rt.make_int(-int_big(o)); }
Ref int_invert(VM& vm, const Obj* o) { return vm.rt.make_int(~int_big(o)); }
Ref int_abs(VM& vm, const Obj* o) { return vm.rt.make_int(int_big(o).abs()); }

std::int64_t int_hash(const Obj* o) {
  if (o->tag == Tag::Int) return pylib::hash_int(static_cast<const IntObj*>(o)->v);
  return static_cast<const BigIntObj*>(o)->v.hash();
}

bool int_to_decimal(VM& vm, const Obj* o, std::string& out) {
  if (o->tag == Tag::Int) { out += std::to_string(static_cast<const IntObj*>(o)->v); return true; }
  auto r = static_cast<const BigIntObj*>(o)->v.to_decimal();
  if (!r) { raise_pylib(vm, r.error()); return false; }
  out += *r;
  return true;
}

Ref int_pow_mod(VM& vm, const Obj* a, const Obj* b, const Obj* m) {
  return wrap(vm, BigInt::pow_mod(int_big(a), int_big(b), int_big(m)));
}

}  // namespace pitfall::sim
