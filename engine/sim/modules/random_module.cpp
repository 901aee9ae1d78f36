// The `random` module: CPython's exact sequences (pylib::Random is MT19937 plus
// Lib/random.py 3.11's algorithms). Module-level functions are bound methods
// of one hidden Random instance, as in random.py (`random = _inst.random`).
// Seeding with None/str/bytes is not modelled (a located "not modelled" error);
// an unseeded generator starts from seed(0) so runs are reproducible.
#include <cmath>

#include "sim/pylib/random.h"
#include "sim/pylib/sha512.h"
#include "sim/vm/int_ops.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {

namespace {

constexpr int kRandomKind = 0x52414e44;  // NativeObj kind of Random instances
struct RandomObj : NativeObj {
  pylib::Random r;
  explicit RandomObj(ClassObj* c) : NativeObj(c, kRandomKind) {}
};

bool is_random(VM& vm, const Ref& o) {
  Ref t = vm.dict_get_str(vm.builtins.as<DictObj>(), vm.rt.intern("__pitfall_random_t").as<StrObj>());
  return t && VM::is_subclass(o->cls, t.as<ClassObj>());
}

#define SELF(a)                                                                                   \
  if (a.n < 1 || !is_random(vm, a.v[0])) return vm.raise(vm.rt.TypeError, "descriptor requires a 'random.Random' object"); \
  pylib::Random& R = a.v[0].as<RandomObj>()->r

bool num(VM& vm, const Ref& x, double& out) {
  if (x->tag == Tag::Float) { out = x.as<FloatObj>()->v; return true; }
  if (is_int_obj(x.get())) return int_to_double(vm, x.get(), out);
  vm.raise(vm.rt.TypeError, "must be real number, not " + vm.type_name(x));
  return false;
}
bool i64(VM& vm, const Ref& x, std::int64_t& out) {
  if (x->tag == Tag::Float) {
    vm.raise(vm.rt.TypeError, "'float' object cannot be interpreted as an integer");
    return false;
  }
  if (x->tag == Tag::BigInt) { vm.not_modelled("random with integers beyond 64 bits"); return false; }
  return vm.index_value(x, out);
}
template <class T>
bool ok(VM& vm, const pylib::Result<T>& r) {
  if (r) return true;
  raise_pylib(vm, r.error());
  return false;
}

Ref do_seed(VM& vm, pylib::Random& R, Args& a, int first) {
  Ref s = a.n > first ? a.v[first] : a.kw("a");
  if (!s || s.get() == vm.rt.None.get()) { R.seed(std::int64_t(0)); return vm.rt.None; }
  if (s->tag == Tag::Int) R.seed(s.as<IntObj>()->v);
  else if (s->tag == Tag::BigInt) R.seed(s.as<BigIntObj>()->v);
  else if (s->tag == Tag::Float) {
    // random.seed(float) hashes the float (Lib/random.py: a = hash(a))
    std::int64_t h;
    if (!vm.hash(s, h)) return nullptr;
    R.seed(h);
  } else if (s->tag == Tag::Str || s->tag == Tag::Bytes) {
    // version 2 (Lib/random.py Random.seed): a = int.from_bytes(a + sha512(a).digest(), 'big'),
    // with a str first encoded as UTF-8
    std::string bytes = s->tag == Tag::Str ? s.as<StrObj>()->s : s.as<BytesObj>()->s;
    auto digest = pylib::sha512(bytes);
    bytes.append(reinterpret_cast<const char*>(digest.data()), digest.size());
    std::vector<std::uint32_t> limbs((bytes.size() + 3) / 4, 0);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      const std::size_t from_end = bytes.size() - 1 - i;  // byte weight 256**from_end
      limbs[from_end / 4] |= std::uint32_t(std::uint8_t(bytes[i])) << (8 * (from_end % 4));
    }
    R.seed(pylib::BigInt::from_limbs(std::move(limbs), false));
  } else if (s->tag == Tag::Tuple || s->tag == Tag::FrozenSet) {
    return vm.raise(vm.rt.TypeError, "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.");
  } else return vm.not_modelled("random.seed() with a " + vm.type_name(s) + " argument");
  return vm.rt.None;
}

Ref r_seed(VM& vm, Args& a) { SELF(a); return do_seed(vm, R, a, 1); }
Ref r_random(VM& vm, Args& a) { SELF(a); return vm.rt.make_float(R.random()); }
Ref r_getrandbits(VM& vm, Args& a) {
  SELF(a);
  std::int64_t k;
  if (a.n < 2 || !i64(vm, a.v[1], k)) return a.n < 2 ? vm.raise(vm.rt.TypeError, "getrandbits() takes exactly one argument (0 given)") : nullptr;
  auto r = R.getrandbits(k);
  if (!ok(vm, r)) return nullptr;
  return vm.rt.make_int(*r);
}
Ref r_randrange(VM& vm, Args& a) {
  SELF(a);
  if (a.n < 2) return vm.raise(vm.rt.TypeError, "Random.randrange() missing 1 required positional argument: 'start'");
  std::int64_t v[3] = {0, 0, 1};
  for (int i = 1; i < a.n && i < 4; ++i) if (!i64(vm, a.v[i], v[i - 1])) return nullptr;
  auto r = a.n == 2 ? R.randrange(v[0]) : R.randrange(v[0], v[1], a.n > 3 ? v[2] : 1);
  if (!ok(vm, r)) return nullptr;
  return vm.rt.make_int(*r);
}
Ref r_randint(VM& vm, Args& a) {
  SELF(a);
  if (a.n != 3) return vm.raise(vm.rt.TypeError, "Random.randint() missing required positional arguments: 'a' and 'b'");
  std::int64_t lo, hi;
  if (!i64(vm, a.v[1], lo) || !i64(vm, a.v[2], hi)) return nullptr;
  auto r = R.randint(lo, hi);
  if (!ok(vm, r)) return nullptr;
  return vm.rt.make_int(*r);
}
Ref r_choice(VM& vm, Args& a) {
  SELF(a);
  if (a.n != 2) return vm.raise(vm.rt.TypeError, "Random.choice() missing 1 required positional argument: 'seq'");
  std::int64_t n = vm.len(a.v[1]);
  if (n < 0) return nullptr;
  auto r = R.choice_index(std::size_t(n));
  if (!ok(vm, r)) return nullptr;
  return vm.getitem(a.v[1], vm.rt.make_int(std::int64_t(*r)));
}
Ref r_shuffle(VM& vm, Args& a) {
  SELF(a);
  if (a.n != 2) return vm.raise(vm.rt.TypeError, "Random.shuffle() missing 1 required positional argument: 'x'");
  Ref x = a.v[1];
  if (x->tag != Tag::List) return vm.not_modelled("random.shuffle() of a " + vm.type_name(x));
  auto& items = x.as<ListObj>()->items;
  auto p = R.shuffle_permutation(items.size());
  std::vector<Ref> old = items;
  for (size_t i = 0; i < p.size() && i < items.size(); ++i) items[i] = old[p[i]];
  return vm.rt.None;
}
Ref r_sample(VM& vm, Args& a) {
  SELF(a);
  if (a.n < 2) return vm.raise(vm.rt.TypeError, "Random.sample() missing 2 required positional arguments: 'population' and 'k'");
  Ref pop = a.v[1];
  if (pop->tag == Tag::Set || pop->tag == Tag::FrozenSet || pop->tag == Tag::Dict)
    return vm.raise(vm.rt.TypeError, "Population must be a sequence.  For dicts or sets, use sorted(d).");
  Ref kv = a.n > 2 ? a.v[2] : a.kw("k");
  if (!kv) return vm.raise(vm.rt.TypeError, "Random.sample() missing 1 required positional argument: 'k'");
  std::int64_t k;
  if (!i64(vm, kv, k)) return nullptr;
  std::vector<Ref> items;
  if (!vm.to_list(pop, items)) return nullptr;
  auto r = R.sample_indices(items.size(), k);
  if (!ok(vm, r)) return nullptr;
  Ref l = vm.rt.make_list();
  for (auto i : *r) l.as<ListObj>()->items.push_back(items[i]);
  return l;
}
Ref r_choices(VM& vm, Args& a) {
  SELF(a);
  if (a.n < 2) return vm.raise(vm.rt.TypeError, "Random.choices() missing 1 required positional argument: 'population'");
  std::vector<Ref> items;
  if (!vm.to_list(a.v[1], items)) return nullptr;
  std::int64_t k = 1;
  if (a.kw("k") && !i64(vm, a.kw("k"), k)) return nullptr;
  if (k < 0) k = 0;
  Ref weights = a.n > 2 ? a.v[2] : a.kw("weights");
  Ref cum = a.kw("cum_weights");
  if (weights && weights.get() == vm.rt.None.get()) weights = nullptr;
  if (cum && cum.get() == vm.rt.None.get()) cum = nullptr;
  Ref l = vm.rt.make_list();
  if (!weights && !cum) {
    if (items.empty()) return vm.raise(vm.rt.IndexError, "Cannot choose from an empty sequence");
    for (auto i : R.choices_indices(items.size(), std::size_t(k))) l.as<ListObj>()->items.push_back(items[i]);
    return l;
  }
  if (weights && cum) return vm.raise(vm.rt.TypeError, "Cannot specify both weights and cumulative weights");
  std::vector<Ref> w;
  if (!vm.to_list(weights ? weights : cum, w)) return nullptr;
  if (w.size() != items.size()) return vm.raise(vm.rt.ValueError, "The number of weights does not match the population");
  std::vector<double> cw;
  double acc = 0;
  for (auto& x : w) {
    double d;
    if (!num(vm, x, d)) return nullptr;
    acc = weights ? acc + d : d;
    cw.push_back(acc);
  }
  auto r = R.choices_indices_weighted(cw, std::size_t(k));
  if (!ok(vm, r)) return nullptr;
  for (auto i : *r) l.as<ListObj>()->items.push_back(items[i]);
  return l;
}
Ref two_floats(VM& vm, Args& a, double& x, double& y, double dx, double dy) {
  x = dx;
  y = dy;
  if (a.n > 1 && !num(vm, a.v[1], x)) return nullptr;
  if (a.n > 2 && !num(vm, a.v[2], y)) return nullptr;
  return vm.rt.None;
}
Ref r_uniform(VM& vm, Args& a) {
  SELF(a);
  if (a.n != 3) return vm.raise(vm.rt.TypeError, "Random.uniform() missing 2 required positional arguments: 'a' and 'b'");
  double x, y;
  if (!two_floats(vm, a, x, y, 0, 0)) return nullptr;
  return vm.rt.make_float(R.uniform(x, y));
}
Ref r_gauss(VM& vm, Args& a) {
  SELF(a);
  double mu, sigma;
  if (!two_floats(vm, a, mu, sigma, 0, 1)) return nullptr;
  return vm.rt.make_float(R.gauss(mu, sigma));
}
Ref r_normalvariate(VM& vm, Args& a) {
  SELF(a);
  double mu, sigma;
  if (!two_floats(vm, a, mu, sigma, 0, 1)) return nullptr;
  return vm.rt.make_float(R.normalvariate(mu, sigma));
}
Ref r_expovariate(VM& vm, Args& a) {
  SELF(a);
  double l;
  if (a.n != 2 || !num(vm, a.v[1], l)) return a.n != 2 ? vm.raise(vm.rt.TypeError, "Random.expovariate() missing 1 required positional argument: 'lambd'") : nullptr;
  return vm.rt.make_float(R.expovariate(l));
}

Ref random_ctor(VM& vm, Args& a) {
  Ref inst = make<RandomObj>(a.v[0].as<ClassObj>());
  Args s = a;
  Ref r = do_seed(vm, inst.as<RandomObj>()->r, s, 1);
  if (!r) return nullptr;
  return inst;
}

struct Method { const char* name; BuiltinFn fn; };
const Method kMethods[] = {
    {"seed", r_seed}, {"random", r_random}, {"getrandbits", r_getrandbits}, {"randrange", r_randrange},
    {"randint", r_randint}, {"choice", r_choice}, {"shuffle", r_shuffle}, {"sample", r_sample},
    {"choices", r_choices}, {"uniform", r_uniform}, {"gauss", r_gauss}, {"normalvariate", r_normalvariate},
    {"expovariate", r_expovariate},
};

}  // namespace

void init_random_module(VM& vm, const Ref& module) {
  auto& rt = vm.rt;
  DictObj* bd = vm.builtins.as<DictObj>();
  Ref t = vm.dict_get_str(bd, rt.intern("__pitfall_random_t").as<StrObj>());
  if (!t) {
    ClassObj* c = rt.new_builtin_type("Random", rt.object_t, Tag::Other);
    c->module = "random";
    for (auto& m : kMethods) vm.add_method(c, m.name, m.fn);
    vm.dict_set(c->dict.as<DictObj>(), rt.intern("__call_type__"), vm.make_builtin("Random", random_ctor));
    t = Ref(c);
    vm.dict_set(bd, rt.intern("__pitfall_random_t"), t);
  }
  DictObj* d = module.as<ModuleObj>()->dict.as<DictObj>();
  vm.dict_set(d, rt.intern("Random"), t);
  Ref inst = make<RandomObj>(t.as<ClassObj>());
  vm.dict_set(d, rt.intern("_inst"), inst);
  for (auto& m : kMethods) {
    Ref f = vm.dict_get_str(t.as<ClassObj>()->dict.as<DictObj>(), rt.intern(m.name).as<StrObj>());
    vm.dict_set(d, rt.intern(m.name), make<BoundMethodObj>(rt.method_t, f, inst));
  }
}

}  // namespace pitfall::sim
