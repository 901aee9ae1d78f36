// Built-ins and int methods that work at any int size: hex/oct/bin,
// int.bit_length/bit_count/to_bytes/from_bytes/__index__, and the integer
// functions of math (factorial, comb, perm, isqrt, gcd, lcm, prod) computed
// exactly with pylib's BigInt (Objects/longobject.c, Modules/mathmodule.c).
#include <cmath>

#include "sim/vm/int_ops.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {

namespace {

using pylib::BigInt;

bool int_arg(VM& vm, const Ref& x, BigInt& out) {
  if (is_int_obj(x.get())) { out = int_big(x.get()); return true; }
  Ref m = vm.lookup_type(x->cls, vm.rt.intern("__index__").as<StrObj>());
  if (m && !x->cls->builtin) {
    Ref r = vm.call1(m, x);
    if (!r) return false;
    if (is_int_obj(r.get())) { out = int_big(r.get()); return true; }
  }
  vm.raise(vm.rt.TypeError, "'" + vm.type_name(x) + "' object cannot be interpreted as an integer");
  return false;
}

Ref need1(VM& vm, Args& a, const char* name) {
  if (a.n == 1) return a.v[0];
  return vm.raise(vm.rt.TypeError, std::string(name) + "() takes exactly one argument (" + std::to_string(a.n) + " given)");
}

Ref b_hex(VM& vm, Args& a) { Ref x = need1(vm, a, "hex"); BigInt v; if (!x || !int_arg(vm, x, v)) return nullptr; return vm.rt.make_str(v.to_hex()); }
Ref b_oct(VM& vm, Args& a) { Ref x = need1(vm, a, "oct"); BigInt v; if (!x || !int_arg(vm, x, v)) return nullptr; return vm.rt.make_str(v.to_oct()); }
Ref b_bin(VM& vm, Args& a) { Ref x = need1(vm, a, "bin"); BigInt v; if (!x || !int_arg(vm, x, v)) return nullptr; return vm.rt.make_str(v.to_bin()); }

#define SELF_INT(a) if (a.n < 1 || !is_int_obj(a.v[0].get())) return vm.raise(vm.rt.TypeError, "descriptor requires an 'int' object")
Ref int_bit_length(VM& vm, Args& a) { SELF_INT(a); return vm.rt.make_int(std::int64_t(int_big(a.v[0].get()).bit_length())); }
Ref int_bit_count(VM& vm, Args& a) { SELF_INT(a); return vm.rt.make_int(std::int64_t(int_big(a.v[0].get()).bit_count())); }
Ref int_index(VM& vm, Args& a) { SELF_INT(a); return vm.rt.make_int(int_big(a.v[0].get())); }
Ref int_conjugate(VM& vm, Args& a) { return int_index(vm, a); }
Ref int_is_integer(VM& vm, Args&) { return vm.rt.True; }

// int.to_bytes(length=1, byteorder='big', *, signed=False)
Ref int_to_bytes(VM& vm, Args& a) {
  SELF_INT(a);
  std::int64_t length = 1;
  Ref lv = a.n > 1 ? a.v[1] : a.kw("length");
  if (lv && !vm.index_value(lv, length)) return nullptr;
  if (length < 0) return vm.raise(vm.rt.ValueError, "length argument must be non-negative");
  if (length > (std::int64_t(1) << 24)) return vm.raise(vm.rt.MemoryError, "");
  Ref ov = a.n > 2 ? a.v[2] : a.kw("byteorder");
  std::string order = ov && ov->tag == Tag::Str ? ov.as<StrObj>()->s : "big";
  if (order != "big" && order != "little") return vm.raise(vm.rt.ValueError, "byteorder must be either 'little' or 'big'");
  Ref sv = a.kw("signed");
  bool is_signed = sv && vm.truthy(sv) > 0;
  BigInt v = int_big(a.v[0].get());
  if (v.is_negative() && !is_signed) return vm.raise(vm.rt.OverflowError, "can't convert negative int to unsigned");
  std::uint64_t bits = v.bit_length() + (is_signed ? 1 : 0);
  if (v.is_negative() && is_signed) bits = (~v).bit_length() + 1;
  if (bits > std::uint64_t(length) * 8 && !(v.is_zero())) return vm.raise(vm.rt.OverflowError, "int too big to convert");
  std::string out(size_t(length), '\0');
  BigInt x = v;
  for (std::int64_t i = 0; i < length; ++i) {
    out[size_t(order == "big" ? length - 1 - i : i)] = char(x.low_u64() & 0xff);
    x = x.shr(8);
  }
  return make<BytesObj>(vm.rt.bytes_t, std::move(out));
}

// int.from_bytes(bytes, byteorder='big', *, signed=False) (a class method: v[0] is the class)
Ref int_from_bytes(VM& vm, Args& a) {
  if (a.n < 2 || a.v[1]->tag != Tag::Bytes) return vm.raise(vm.rt.TypeError, "cannot convert object to bytes");
  const std::string& s = a.v[1].as<BytesObj>()->s;
  Ref ov = a.n > 2 ? a.v[2] : a.kw("byteorder");
  std::string order = ov && ov->tag == Tag::Str ? ov.as<StrObj>()->s : "big";
  if (order != "big" && order != "little") return vm.raise(vm.rt.ValueError, "byteorder must be either 'little' or 'big'");
  Ref sv = a.kw("signed");
  bool is_signed = sv && vm.truthy(sv) > 0;
  BigInt v;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(order == "big" ? s[i] : s[s.size() - 1 - i]);
    v.mul_small_add(256, c);
  }
  if (is_signed && !s.empty() && (static_cast<unsigned char>(order == "big" ? s[0] : s.back()) & 0x80))
    v = v - BigInt(1).shl(8 * s.size());
  return vm.rt.make_int(v);
}

// ---- math ----
Ref m_factorial(VM& vm, Args& a) {
  if (a.n != 1) return vm.raise(vm.rt.TypeError, "math.factorial() takes exactly one argument (" + std::to_string(a.n) + " given)");
  if (a.v[0]->tag == Tag::Float) return vm.raise(vm.rt.TypeError, "'float' object cannot be interpreted as an integer");
  BigInt n;
  if (!int_arg(vm, a.v[0], n)) return nullptr;
  if (n.is_negative()) return vm.raise(vm.rt.ValueError, "factorial() not defined for negative values");
  auto small = n.to_int64();
  if (!small || *small > 100000) return vm.raise(vm.rt.MemoryError, "integer too large for the simulator");
  BigInt r(1);
  for (std::int64_t i = 2; i <= *small; ++i) {
    r = r * BigInt(i);
    if (r.bit_length() > pylib::kMaxBits) return vm.raise(vm.rt.MemoryError, "integer too large for the simulator");
  }
  vm.charge(vm.builtin_ns("math.factorial", double(*small)));
  return vm.rt.make_int(r);
}

// perm(n, k) = n! / (n-k)!; comb = perm / k!
bool nk_args(VM& vm, Args& a, const char* name, BigInt& n, BigInt& k, bool k_optional) {
  if (a.n < (k_optional ? 1 : 2) || a.n > 2)
    return vm.raise(vm.rt.TypeError, std::string(name) + " expected 2 arguments, got " + std::to_string(a.n)), false;
  if (!int_arg(vm, a.v[0], n)) return false;
  if (a.n > 1 && a.v[1].get() != vm.rt.None.get()) { if (!int_arg(vm, a.v[1], k)) return false; }
  else k = n;
  if (n.is_negative()) return vm.raise(vm.rt.ValueError, "n must be a non-negative integer"), false;
  if (k.is_negative()) return vm.raise(vm.rt.ValueError, "k must be a non-negative integer"), false;
  return true;
}
Ref perm_comb(VM& vm, Args& a, bool comb) {
  BigInt n, k;
  if (!nk_args(vm, a, comb ? "comb" : "perm", n, k, !comb)) return nullptr;
  if (k > n) return vm.rt.make_int(0);
  if (comb && (n - k) < k) k = n - k;
  auto ks = k.to_int64();
  if (!ks || *ks > 100000) return vm.raise(vm.rt.MemoryError, "integer too large for the simulator");
  BigInt r(1);
  for (std::int64_t i = 0; i < *ks; ++i) {
    r = r * (n - BigInt(i));
    if (comb) r = *BigInt::floordiv(r, BigInt(i + 1));
    if (r.bit_length() > pylib::kMaxBits) return vm.raise(vm.rt.MemoryError, "integer too large for the simulator");
  }
  return vm.rt.make_int(r);
}
Ref m_comb(VM& vm, Args& a) { return perm_comb(vm, a, true); }
Ref m_perm(VM& vm, Args& a) { return perm_comb(vm, a, false); }

// Newton's method on BigInt: floor(sqrt(n))
Ref m_isqrt(VM& vm, Args& a) {
  if (a.n != 1) return vm.raise(vm.rt.TypeError, "math.isqrt() takes exactly one argument (" + std::to_string(a.n) + " given)");
  BigInt n;
  if (!int_arg(vm, a.v[0], n)) return nullptr;
  if (n.is_negative()) return vm.raise(vm.rt.ValueError, "isqrt() argument must be nonnegative");
  if (n.is_zero()) return vm.rt.make_int(0);
  BigInt x = BigInt(1).shl((n.bit_length() + 1) / 2);
  for (;;) {
    BigInt y = (x + *BigInt::floordiv(n, x)).shr(1);
    if (!(y < x)) break;
    x = y;
  }
  return vm.rt.make_int(x);
}

BigInt gcd2(BigInt a, BigInt b) {
  a = a.abs();
  b = b.abs();
  while (!b.is_zero()) { BigInt r = *BigInt::mod(a, b); a = b; b = r; }
  return a;
}
Ref m_gcd(VM& vm, Args& a) {
  BigInt g;
  for (int i = 0; i < a.n; ++i) {
    BigInt v;
    if (!int_arg(vm, a.v[i], v)) return nullptr;
    g = gcd2(g, v);
  }
  return vm.rt.make_int(g);
}
Ref m_lcm(VM& vm, Args& a) {
  BigInt l(1);
  for (int i = 0; i < a.n; ++i) {
    BigInt v;
    if (!int_arg(vm, a.v[i], v)) return nullptr;
    if (v.is_zero() || l.is_zero()) { l = BigInt(0); continue; }
    l = (*BigInt::floordiv(l, gcd2(l, v)) * v).abs();
  }
  return vm.rt.make_int(l);
}
Ref m_prod(VM& vm, Args& a) {
  if (a.n < 1) return vm.raise(vm.rt.TypeError, "prod() missing required argument 'iterable' (pos 1)");
  Ref acc = a.kw("start") ? a.kw("start") : vm.rt.make_int(1);
  Ref it = vm.iter(a.v[0]);
  if (!it) return nullptr;
  for (;;) {
    Ref x = vm.next(it);
    if (!x) { if (vm.exc) return nullptr; break; }
    acc = vm.binary(NB_MULTIPLY, acc, x);
    if (!acc) return nullptr;
  }
  return acc;
}

}  // namespace

void init_int_builtins(VM& vm) {
  auto reg = [&](const char* name, BuiltinFn fn) { vm.dict_set(vm.builtins.as<DictObj>(), vm.rt.intern(name), vm.make_builtin(name, fn)); };
  reg("hex", b_hex);
  reg("oct", b_oct);
  reg("bin", b_bin);
  ClassObj* t = vm.rt.int_t;
  vm.add_method(t, "bit_length", int_bit_length);
  vm.add_method(t, "bit_count", int_bit_count);
  vm.add_method(t, "__index__", int_index);
  vm.add_method(t, "conjugate", int_conjugate);
  vm.add_method(t, "is_integer", int_is_integer);
  vm.add_method(t, "to_bytes", int_to_bytes);
  Ref fb = vm.make_builtin("from_bytes", int_from_bytes);
  vm.dict_set(t->dict.as<DictObj>(), vm.rt.intern("from_bytes"),
              make<WrapperObj>(vm.rt.classmethod_t, Tag::ClassMethod, fb));
}

void init_math_ints(VM& vm, const Ref& module) {
  DictObj* d = module.as<ModuleObj>()->dict.as<DictObj>();
  auto put = [&](const char* name, BuiltinFn fn) { vm.dict_set(d, vm.rt.intern(name), vm.make_builtin(name, fn)); };
  put("factorial", m_factorial);
  put("comb", m_comb);
  put("perm", m_perm);
  put("isqrt", m_isqrt);
  put("gcd", m_gcd);
  put("lcm", m_lcm);
  put("prod", m_prod);
}

}  // namespace pitfall::sim
