// The float side of the `math` module beyond modules.cpp's basics (hypot,
// dist, fsum, trigonometry, trunc, copysign, isnan/isinf/isfinite, pow, fmod,
// modf, frexp, ldexp, degrees/radians, ...) and the float methods
// as_integer_ratio, hex and float.fromhex, after Modules/mathmodule.c and
// Objects/floatobject.c (3.11).
// Model notes: fsum is CPython's msum (exact partials, correctly rounded).
// hypot/dist scale by the largest coordinate and sum exact squares (fma) with
// compensation, then correct the root once: CPython's vector_norm is the same
// idea and both are correctly rounded in practice, but a last-ulp difference
// is possible on rare inputs.
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "sim/vm/int_ops.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {

namespace {

bool real_arg(VM& vm, const Ref& x, double& out) {
  if (x->tag == Tag::Int) { out = double(x.as<IntObj>()->v); return true; }
  if (x->tag == Tag::BigInt) return int_to_double(vm, x.get(), out);
  if (x->tag == Tag::Float) { out = x.as<FloatObj>()->v; return true; }
  vm.raise(vm.rt.TypeError, "must be real number, not " + vm.type_name(x));
  return false;
}

bool want(VM& vm, Args& a, int n, const char* name) {
  if (a.n == n) return true;
  vm.raise(vm.rt.TypeError, std::string(name) + (n == 1 ? "() takes exactly one argument (" : " expected " + std::to_string(n) + " arguments, got ") +
                                (n == 1 ? std::to_string(a.n) + " given)" : std::to_string(a.n)));
  return false;
}

// A one-argument float function with CPython's error rules (math_1): a nan
// from a non-nan argument is a domain error, an infinity from a finite one a
// range error (OverflowError) unless the function can legitimately overflow.
Ref unary(VM& vm, Args& a, const char* name, double (*f)(double), bool can_overflow = true) {
  double x;
  if (!want(vm, a, 1, name) || !real_arg(vm, a.v[0], x)) return nullptr;
  double r = f(x);
  if (std::isnan(r) && !std::isnan(x)) return vm.raise(vm.rt.ValueError, "math domain error");
  if (std::isinf(r) && std::isfinite(x)) {
    if (can_overflow) return vm.raise(vm.rt.OverflowError, "math range error");
    return vm.raise(vm.rt.ValueError, "math domain error");
  }
  return vm.rt.make_float(r);
}

#define UNARY(fname, expr, ovf) \
  Ref m_##fname(VM& vm, Args& a) { return unary(vm, a, #fname, [](double x) { return expr; }, ovf); }
UNARY(asin, std::asin(x), false)
UNARY(acos, std::acos(x), false)
UNARY(sinh, std::sinh(x), true)
UNARY(cosh, std::cosh(x), true)
UNARY(tanh, std::tanh(x), true)
UNARY(asinh, std::asinh(x), true)
UNARY(acosh, std::acosh(x), true)
UNARY(atanh, std::fabs(x) >= 1 ? NAN : std::atanh(x), false)
UNARY(log1p, x <= -1 ? NAN : std::log1p(x), false)
UNARY(expm1, std::expm1(x), true)
UNARY(degrees, x * (180.0 / M_PI), true)
UNARY(radians, x * (M_PI / 180.0), true)
UNARY(cbrt, std::cbrt(x), true)
UNARY(exp2, std::exp2(x), true)
UNARY(erf, std::erf(x), true)
UNARY(erfc, std::erfc(x), true)
UNARY(gamma, (x <= 0 && x == std::floor(x)) ? NAN : std::tgamma(x), true)
UNARY(lgamma, (x <= 0 && x == std::floor(x)) ? NAN : std::lgamma(x), true)
#undef UNARY

Ref binary(VM& vm, Args& a, const char* name, double& x, double& y) {
  if (!want(vm, a, 2, name) || !real_arg(vm, a.v[0], x) || !real_arg(vm, a.v[1], y)) return nullptr;
  return vm.rt.None;
}
Ref m_atan2(VM& vm, Args& a) {
  double x, y;
  if (!binary(vm, a, "atan2", y, x)) return nullptr;
  return vm.rt.make_float(std::atan2(y, x));
}
Ref m_copysign(VM& vm, Args& a) {
  double x, y;
  if (!binary(vm, a, "copysign", x, y)) return nullptr;
  return vm.rt.make_float(std::copysign(x, y));
}
Ref m_fmod(VM& vm, Args& a) {
  double x, y;
  if (!binary(vm, a, "fmod", x, y)) return nullptr;
  if (std::isinf(y) && std::isfinite(x)) return vm.rt.make_float(x);
  double r = std::fmod(x, y);
  if (std::isnan(r) && !std::isnan(x) && !std::isnan(y)) return vm.raise(vm.rt.ValueError, "math domain error");
  return vm.rt.make_float(r);
}
Ref m_remainder(VM& vm, Args& a) {
  double x, y;
  if (!binary(vm, a, "remainder", x, y)) return nullptr;
  double r = std::remainder(x, y);
  if (std::isnan(r) && !std::isnan(x) && !std::isnan(y)) return vm.raise(vm.rt.ValueError, "math domain error");
  return vm.rt.make_float(r);
}
// math_pow: the special cases of C99 Annex F, then domain/range errors.
Ref m_pow(VM& vm, Args& a) {
  double x, y;
  if (!binary(vm, a, "pow", x, y)) return nullptr;
  if (x == 0 && std::isfinite(y) && y < 0) return vm.raise(vm.rt.ValueError, "math domain error");
  double r = std::pow(x, y);
  if (std::isnan(r) && !std::isnan(x) && !std::isnan(y)) return vm.raise(vm.rt.ValueError, "math domain error");
  if (std::isinf(r) && std::isfinite(x) && std::isfinite(y)) return vm.raise(vm.rt.OverflowError, "math range error");
  return vm.rt.make_float(r);
}
Ref m_trunc(VM& vm, Args& a) {
  if (!want(vm, a, 1, "trunc")) return nullptr;
  if (a.v[0]->tag == Tag::Int || a.v[0]->tag == Tag::BigInt) return a.v[0];
  double x;
  if (!real_arg(vm, a.v[0], x)) return nullptr;
  if (std::isnan(x)) return vm.raise(vm.rt.ValueError, "cannot convert float NaN to integer");
  if (std::isinf(x)) return vm.raise(vm.rt.OverflowError, "cannot convert float infinity to integer");
  auto b = pylib::BigInt::from_double(std::trunc(x));
  return vm.rt.make_int(b.value());
}
Ref m_modf(VM& vm, Args& a) {
  double x, ip;
  if (!want(vm, a, 1, "modf") || !real_arg(vm, a.v[0], x)) return nullptr;
  double fp = std::isinf(x) ? std::copysign(0.0, x) : std::modf(x, &ip);
  if (std::isinf(x)) ip = x;
  return vm.rt.make_tuple({vm.rt.make_float(fp), vm.rt.make_float(ip)});
}
Ref m_frexp(VM& vm, Args& a) {
  double x;
  if (!want(vm, a, 1, "frexp") || !real_arg(vm, a.v[0], x)) return nullptr;
  int e = 0;
  double m = std::isfinite(x) ? std::frexp(x, &e) : x;
  return vm.rt.make_tuple({vm.rt.make_float(m), vm.rt.make_int(e)});
}
Ref m_ldexp(VM& vm, Args& a) {
  double x;
  std::int64_t e;
  if (!want(vm, a, 2, "ldexp") || !real_arg(vm, a.v[0], x)) return nullptr;
  if (a.v[1]->tag != Tag::Int) return vm.raise(vm.rt.TypeError, "Expected an int as second argument to ldexp.");
  if (!vm.index_value(a.v[1], e)) return nullptr;
  double r = std::ldexp(x, int(std::max<std::int64_t>(std::min<std::int64_t>(e, 100000), -100000)));
  if (std::isinf(r) && std::isfinite(x)) return vm.raise(vm.rt.OverflowError, "math range error");
  return vm.rt.make_float(r);
}
Ref pred(VM& vm, Args& a, const char* name, bool (*f)(double)) {
  double x;
  if (!want(vm, a, 1, name) || !real_arg(vm, a.v[0], x)) return nullptr;
  return vm.rt.make_bool(f(x));
}
Ref m_isnan(VM& vm, Args& a) { return pred(vm, a, "isnan", [](double x) { return std::isnan(x); }); }
Ref m_isinf(VM& vm, Args& a) { return pred(vm, a, "isinf", [](double x) { return std::isinf(x); }); }
Ref m_isfinite(VM& vm, Args& a) { return pred(vm, a, "isfinite", [](double x) { return std::isfinite(x); }); }

// math_fsum: Shewchuk's exact partial sums, then the half-way correction.
Ref m_fsum(VM& vm, Args& a) {
  if (!want(vm, a, 1, "fsum")) return nullptr;
  Ref it = vm.iter(a.v[0]);
  if (!it) return nullptr;
  std::vector<double> p;
  double special = 0, inf_sum = 0;
  for (;;) {
    Ref o = vm.next(it);
    if (!o) { if (vm.exc) return nullptr; break; }
    double x;
    if (!real_arg(vm, o, x)) return nullptr;
    double xsave = x;
    size_t i = 0;
    for (double y : p) {
      if (std::fabs(x) < std::fabs(y)) std::swap(x, y);
      double hi = x + y, lo = y - (hi - x);
      if (lo != 0.0) p[i++] = lo;
      x = hi;
    }
    p.resize(i);
    if (x != 0.0) {
      if (!std::isfinite(x)) {
        if (std::isfinite(xsave)) return vm.raise(vm.rt.OverflowError, "intermediate overflow in fsum");
        if (std::isinf(xsave)) inf_sum += xsave;
        special += xsave;
        p.clear();
      } else p.push_back(x);
    }
  }
  if (special != 0.0) {
    if (std::isnan(inf_sum)) return vm.raise(vm.rt.ValueError, "-inf + inf in fsum");
    return vm.rt.make_float(special);
  }
  double hi = 0.0;
  size_t n = p.size();
  if (n > 0) {
    hi = p[--n];
    double lo = 0;
    while (n > 0) {
      double x = hi, y = p[--n];
      hi = x + y;
      double yr = hi - x;
      lo = y - yr;
      if (lo != 0.0) break;
    }
    if (n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0))) {
      double y = lo * 2.0, x = hi + y, yr = x - hi;
      if (y == yr) hi = x;
    }
  }
  return vm.rt.make_float(hi);
}

// sqrt(sum(v*v)) for finite coordinates: scaled by the largest magnitude,
// squares summed exactly (fma) with compensation, the root corrected once.
double vector_norm(std::vector<double>& v) {
  double mx = 0;
  bool nan = false;
  for (double x : v) {
    if (std::isinf(x)) return INFINITY;
    if (std::isnan(x)) nan = true;
    mx = std::max(mx, std::fabs(x));
  }
  if (nan) return NAN;
  if (mx == 0 || v.size() <= 1) return mx;
  int e;
  std::frexp(mx, &e);
  double s = 0, c = 0;
  for (double x : v) {
    double t = std::ldexp(x, -e);
    double sq = t * t, sq_lo = std::fma(t, t, -sq);
    double hi = s + sq;
    c += (s - hi) + sq + sq_lo;
    s = hi;
  }
  s += c;
  double h = std::sqrt(s);
  double r = std::fma(-h, h, s);
  h += r / (2 * h);
  return std::ldexp(h, e);
}
Ref m_hypot(VM& vm, Args& a) {
  std::vector<double> v(size_t(a.n));
  for (int i = 0; i < a.n; ++i)
    if (!real_arg(vm, a.v[i], v[size_t(i)])) return nullptr;
  return vm.rt.make_float(vector_norm(v));
}
Ref m_dist(VM& vm, Args& a) {
  if (!want(vm, a, 2, "dist")) return nullptr;
  for (int i = 0; i < 2; ++i)
    if (a.v[i]->tag != Tag::Tuple && a.v[i]->tag != Tag::List)
      return vm.raise(vm.rt.TypeError, std::string("dist(): argument ") + char('1' + i) + " must be tuple, not " + vm.type_name(a.v[i]));
  std::vector<Ref> p, q;
  for (auto* out : {&p, &q}) {
    Ref seq = vm.call1(Ref(vm.rt.tuple_t), a.v[out == &p ? 0 : 1]);
    if (!seq) return nullptr;
    *out = seq.as<TupleObj>()->items;
  }
  if (p.size() != q.size()) return vm.raise(vm.rt.ValueError, "both points must have the same number of dimensions");
  std::vector<double> d(p.size());
  for (size_t i = 0; i < p.size(); ++i) {
    double x, y;
    if (!real_arg(vm, p[i], x) || !real_arg(vm, q[i], y)) return nullptr;
    d[i] = std::fabs(x - y);
  }
  return vm.rt.make_float(vector_norm(d));
}

// ---- float methods ----
Ref float_as_integer_ratio(VM& vm, Args& a) {
  double x = a.v[0].as<FloatObj>()->v;
  if (std::isinf(x)) return vm.raise(vm.rt.OverflowError, "cannot convert Infinity to integer ratio");
  if (std::isnan(x)) return vm.raise(vm.rt.ValueError, "cannot convert NaN to integer ratio");
  int e;
  double m = std::frexp(x, &e);
  for (int i = 0; i < 300 && m != std::floor(m); ++i) { m *= 2.0; --e; }
  auto num = pylib::BigInt::from_double(m).value();
  pylib::BigInt den = pylib::BigInt::from_u64(1);
  auto two_e = pylib::BigInt::pow(pylib::BigInt::from_u64(2), pylib::BigInt::from_u64(std::uint64_t(e < 0 ? -e : e))).value();
  if (e > 0) num = num * two_e;
  else den = two_e;
  return vm.rt.make_tuple({vm.rt.make_int(num), vm.rt.make_int(den)});
}

Ref float_hex(VM& vm, Args& a) {
  double x = a.v[0].as<FloatObj>()->v;
  if (std::isnan(x)) return vm.rt.make_str("nan");
  if (std::isinf(x)) return vm.rt.make_str(x > 0 ? "inf" : "-inf");
  if (x == 0) return vm.rt.make_str(std::signbit(x) ? "-0x0.0p+0" : "0x0.0p+0");
  int e;
  double m = std::frexp(std::fabs(x), &e);
  int shift = 1 - std::max(-1021 - e, 0);
  m = std::ldexp(m, shift);
  e -= shift;
  const char* hex = "0123456789abcdef";
  std::string s = std::signbit(x) ? "-0x" : "0x";
  s += hex[int(m)];
  m -= int(m);
  s += '.';
  for (int i = 0; i < 13; ++i) {
    m *= 16.0;
    s += hex[int(m)];
    m -= int(m);
  }
  s += 'p';
  s += e < 0 ? '-' : '+';
  s += std::to_string(e < 0 ? -e : e);
  return vm.rt.make_str(s);
}

// float.fromhex: the syntax is checked here (float_fromhex's grammar), the
// value comes from the C library's correctly rounded hexadecimal strtod.
Ref float_fromhex(VM& vm, Args& a) {
  Ref s = a.n >= 2 ? a.v[1] : a.n == 1 ? a.v[0] : nullptr;
  if (!s || s->tag != Tag::Str) return vm.raise(vm.rt.TypeError, "must be str");
  std::string t = s.as<StrObj>()->s;
  size_t b = t.find_first_not_of(" \t\n\r\f\v"), e = t.find_last_not_of(" \t\n\r\f\v");
  t = b == std::string::npos ? "" : t.substr(b, e - b + 1);
  auto bad = [&]() { return vm.raise(vm.rt.ValueError, "invalid hexadecimal floating-point string"); };
  size_t i = 0;
  bool neg = false;
  if (i < t.size() && (t[i] == '+' || t[i] == '-')) neg = t[i++] == '-';
  std::string rest = t.substr(i), low;
  for (char c : rest) low += char(std::tolower(static_cast<unsigned char>(c)));
  if (low == "inf" || low == "infinity") return vm.rt.make_float(neg ? -INFINITY : INFINITY);
  if (low == "nan") return vm.rt.make_float(NAN);
  if (low.compare(0, 2, "0x") == 0) low = low.substr(2);
  size_t j = 0, digits = 0;
  while (j < low.size() && std::isxdigit(static_cast<unsigned char>(low[j]))) ++j, ++digits;
  if (j < low.size() && low[j] == '.') {
    ++j;
    while (j < low.size() && std::isxdigit(static_cast<unsigned char>(low[j]))) ++j, ++digits;
  }
  if (digits == 0) return bad();
  if (j < low.size() && low[j] == 'p') {
    ++j;
    if (j < low.size() && (low[j] == '+' || low[j] == '-')) ++j;
    size_t k = j;
    while (j < low.size() && std::isdigit(static_cast<unsigned char>(low[j]))) ++j;
    if (j == k) return bad();
  }
  if (j != low.size()) return bad();
  std::string c = "0x" + low;
  errno = 0;
  double v = std::strtod(c.c_str(), nullptr);
  if (std::isinf(v)) return vm.raise(vm.rt.OverflowError, "hexadecimal value too large to represent as a float");
  v = neg ? -v : v;
  Ref r = vm.rt.make_float(v);
  if (a.n >= 2 && a.v[0].get() != Ref(vm.rt.float_t).get()) return vm.call1(a.v[0], r);  // a subclass: cls(value)
  return r;
}

}  // namespace

void init_math_floats(VM& vm, const Ref& module) {
  DictObj* d = module.as<ModuleObj>()->dict.as<DictObj>();
  auto put = [&](const char* name, BuiltinFn fn) { vm.dict_set(d, vm.rt.intern(name), vm.make_builtin(name, fn)); };
  put("asin", m_asin);
  put("acos", m_acos);
  put("atan2", m_atan2);
  put("sinh", m_sinh);
  put("cosh", m_cosh);
  put("tanh", m_tanh);
  put("asinh", m_asinh);
  put("acosh", m_acosh);
  put("atanh", m_atanh);
  put("log1p", m_log1p);
  put("expm1", m_expm1);
  put("degrees", m_degrees);
  put("radians", m_radians);
  put("cbrt", m_cbrt);
  put("exp2", m_exp2);
  put("erf", m_erf);
  put("erfc", m_erfc);
  put("gamma", m_gamma);
  put("lgamma", m_lgamma);
  put("copysign", m_copysign);
  put("fmod", m_fmod);
  put("remainder", m_remainder);
  put("pow", m_pow);
  put("trunc", m_trunc);
  put("modf", m_modf);
  put("frexp", m_frexp);
  put("ldexp", m_ldexp);
  put("isnan", m_isnan);
  put("isinf", m_isinf);
  put("isfinite", m_isfinite);
  put("fsum", m_fsum);
  put("hypot", m_hypot);
  put("dist", m_dist);
}

void init_float_methods(VM& vm) {
  ClassObj* t = vm.rt.float_t;
  vm.add_method(t, "as_integer_ratio", float_as_integer_ratio);
  vm.add_method(t, "hex", float_hex);
  Ref fh = vm.make_builtin("fromhex", float_fromhex);
  vm.dict_set(t->dict.as<DictObj>(), vm.rt.intern("fromhex"), make<WrapperObj>(vm.rt.classmethod_t, Tag::ClassMethod, fh));
}

}  // namespace pitfall::sim
