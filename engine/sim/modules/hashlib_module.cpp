// hashlib: md5, sha1, sha224, sha256, sha384, sha512 and new(name), with
// exact digests (pylib/digests.h). Hash objects (`_hashlib.HASH`, as
// OpenSSL's build names them) have update, digest, hexdigest, copy, name,
// digest_size and block_size; `usedforsecurity=` is accepted.
//
// Cost model: hashing n bytes costs `builtin.hashlib.<name>` (base + per
// byte, measured by tools/calibrate; sha1/sha224/sha384/sha512 from measured
// ratios to sha256, tools/calibrate_lib/ratio_costs.py). CPython releases
// the GIL while it hashes a buffer of at least HASHLIB_GIL_MINSIZE bytes
// (Modules/hashlib.h, 2048: `hashlib.gil_release_min_bytes`) in the
// constructor and in update() (Modules/_hashopenssl.c EVP_update /
// py_evp_fromname): that part then runs as C code off the GIL (a scheduler
// `CCall` request), so threads hashing big buffers run in parallel on the
// cores. Inside C code that called back into Python (a key function, a
// generator driven by list()) the thread cannot stop, and the hashing is
// charged as ordinary CPU there.
// Not modelled: sha3_*, blake2*, shake_*, pbkdf2_hmac, file_digest, memoryview arguments.
#include <cstdio>

#include "sim/costs/cost_table.h"
#include "sim/modules/buffer_arg.h"
#include "sim/pylib/digests.h"
#include "sim/vm/released_call.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {


namespace {

constexpr int kHashKind = 0x48415348;  // 'HASH'

struct HashObj : NativeObj {
  pylib::Digest d;
  HashObj(ClassObj* c, pylib::DigestAlgo a) : NativeObj(c, kHashKind), d(a) {}
};

HashObj* H(const Ref& r) { return static_cast<HashObj*>(r.get()); }
bool is_hash(const Ref& r) {
  return native_kind(r) == kHashKind && r->cls->builtin && r->cls->module == "_hashlib";
}

ClassObj* hash_type(VM& vm) {
  return vm.dict_get_str(vm.builtins.as<DictObj>(), vm.rt.intern("__pitfall_hash_t").as<StrObj>()).as<ClassObj>();
}

std::string cost_key(pylib::DigestAlgo a) { return std::string("builtin.hashlib.") + pylib::digest_name(a); }

// The bytes of a buffer argument, with CPython's errors for str and non-buffers.
bool data_arg(VM& vm, const Ref& v, std::string& out) {
  if (buffer_data(v.get(), out)) return true;
  if (v->tag == Tag::Str) vm.raise(vm.rt.TypeError, "Strings must be encoded before hashing");
  else vm.raise(vm.rt.TypeError, "object supporting the buffer API required");
  return false;
}

// Hashes `data` into h and charges it; `with_base` adds the call's fixed part
// (the constructor's object creation and digest). A large buffer is hashed
// off the GIL; the call's value is `result` either way.
Ref hash_into(VM& vm, HashObj* h, const std::string& data, bool with_base, Ref result) {
  h->d.update(data);
  const std::string key = cost_key(h->d.algo());
  const double n = double(data.size());
  const double base = vm.builtin_ns(key.c_str(), 0);
  const double bytes_ns = vm.builtin_ns(key.c_str(), n) - base;
  if (with_base) vm.charge(base);
  double min_bytes = 2048;
  if (vm.cost_table) min_bytes = static_cast<const costs::CostTable*>(vm.cost_table)->param("hashlib.gil_release_min_bytes", 2048);
  if (n < min_bytes) {
    vm.charge(bytes_ns);
    return result;
  }
  return released_call(vm, bytes_ns, std::move(result));
}

Ref new_hash(VM& vm, pylib::DigestAlgo algo, const Ref& data) {
  Ref o = make<HashObj>(hash_type(vm), algo);
  std::string bytes;
  if (data && !data_arg(vm, data, bytes)) return nullptr;
  return hash_into(vm, H(o), bytes, true, o);
}

// The data argument of a constructor: positional or `string=` (3.11) / `data=` (3.13 accepts both).
Ref ctor_data(Args& a, int pos) {
  if (a.n > pos) return a.v[pos];
  if (Ref d = a.kw("string")) return d;
  return a.kw("data");
}

template <pylib::DigestAlgo A>
Ref h_ctor(VM& vm, Args& a) {
  if (a.n > 1) return vm.raise(vm.rt.TypeError, std::string("openssl_") + pylib::digest_name(A) + "() takes at most 1 positional argument (" + std::to_string(a.n) + " given)");
  return new_hash(vm, A, ctor_data(a, 0));
}

Ref h_new(VM& vm, Args& a) {
  Ref name = a.n > 0 ? a.v[0] : a.kw("name");
  if (!name) return vm.raise(vm.rt.TypeError, "new() missing required argument 'name' (pos 1)");
  if (name->tag != Tag::Str) return vm.raise(vm.rt.TypeError, "new() argument 'name' must be str, not " + vm.type_name(name));
  pylib::DigestAlgo algo;
  const std::string& n = name.as<StrObj>()->s;
  if (!pylib::digest_from_name(n, algo)) {
    for (const char* other : {"sha3_224", "sha3_256", "sha3_384", "sha3_512", "blake2b", "blake2s", "shake_128", "shake_256", "sha512_256", "sha512_224"})
      if (n == other) return vm.not_modelled("hashlib's " + n + " digest");
    return vm.raise(vm.rt.ValueError, "unsupported hash type " + n);
  }
  return new_hash(vm, algo, ctor_data(a, 1));
}

bool self_hash(VM& vm, Args& a, HashObj*& h) {
  if (a.n < 1 || !is_hash(a.v[0])) { vm.raise(vm.rt.TypeError, "descriptor requires a '_hashlib.HASH' object"); return false; }
  h = H(a.v[0]);
  return true;
}

Ref h_update(VM& vm, Args& a) {
  HashObj* h;
  if (!self_hash(vm, a, h)) return nullptr;
  if (a.n != 2) return vm.raise(vm.rt.TypeError, "HASH.update() takes exactly one argument (" + std::to_string(a.n - 1) + " given)");
  std::string bytes;
  if (!data_arg(vm, a.v[1], bytes)) return nullptr;
  return hash_into(vm, h, bytes, false, vm.rt.None);
}

Ref h_digest(VM& vm, Args& a) {
  HashObj* h;
  if (!self_hash(vm, a, h)) return nullptr;
  vm.builtin_ns("builtin.default", 0);  // the digest's cost is part of the constructor's measured base
  return make<BytesObj>(vm.rt.bytes_t, h->d.digest());
}

Ref h_hexdigest(VM& vm, Args& a) {
  HashObj* h;
  if (!self_hash(vm, a, h)) return nullptr;
  vm.builtin_ns("builtin.default", 0);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : h->d.digest()) { out += hex[c >> 4]; out += hex[c & 15]; }
  return vm.rt.make_str(out);
}

Ref h_copy(VM& vm, Args& a) {
  HashObj* h;
  if (!self_hash(vm, a, h)) return nullptr;
  Ref o = make<HashObj>(h->cls, h->d.algo());
  H(o)->d = h->d;
  return o;
}

Ref h_name(VM& vm, Args& a) {
  HashObj* h;
  if (!self_hash(vm, a, h)) return nullptr;
  return vm.rt.make_str(pylib::digest_name(h->d.algo()));
}
Ref h_digest_size(VM& vm, Args& a) {
  HashObj* h;
  if (!self_hash(vm, a, h)) return nullptr;
  return vm.rt.make_int(pylib::digest_size(h->d.algo()));
}
Ref h_block_size(VM& vm, Args& a) {
  HashObj* h;
  if (!self_hash(vm, a, h)) return nullptr;
  return vm.rt.make_int(pylib::digest_block_size(h->d.algo()));
}

Ref h_repr(VM& vm, Args& a) {
  HashObj* h;
  if (!self_hash(vm, a, h)) return nullptr;
  char buf[64];
  std::snprintf(buf, sizeof buf, " _hashlib.HASH object @ 0x%llx>", static_cast<unsigned long long>(reinterpret_cast<std::uintptr_t>(h)));
  return vm.rt.make_str(std::string("<") + pylib::digest_name(h->d.algo()) + buf);
}

void put(VM& vm, const Ref& m, const char* name, Ref v) {
  vm.dict_set(m.as<ModuleObj>()->dict.as<DictObj>(), vm.rt.intern(name), std::move(v));
}

}  // namespace

void init_hashlib_module(VM& vm, const Ref& m) {
  auto& rt = vm.rt;
  Ref existing = vm.dict_get_str(vm.builtins.as<DictObj>(), rt.intern("__pitfall_hash_t").as<StrObj>());
  if (!existing) {
    ClassObj* t = rt.new_builtin_type("HASH", rt.object_t, Tag::Other);
    t->module = "_hashlib";
    vm.dict_set(vm.builtins.as<DictObj>(), rt.intern("__pitfall_hash_t"), Ref(t));
    vm.add_method(t, "update", h_update);
    vm.add_method(t, "digest", h_digest);
    vm.add_method(t, "hexdigest", h_hexdigest);
    vm.add_method(t, "copy", h_copy);
    vm.add_method(t, "__repr__", h_repr);
    struct { const char* n; BuiltinFn f; } props[] = {{"name", h_name}, {"digest_size", h_digest_size}, {"block_size", h_block_size}};
    for (auto& p : props) {
      Ref pr = make<PropertyObj>(rt.property_t);
      pr.as<PropertyObj>()->fget = vm.make_builtin(p.n, p.f);
      vm.dict_set(t->dict.as<DictObj>(), rt.intern(p.n), pr);
    }
  }
  put(vm, m, "md5", vm.make_builtin("openssl_md5", h_ctor<pylib::DigestAlgo::Md5>));
  put(vm, m, "sha1", vm.make_builtin("openssl_sha1", h_ctor<pylib::DigestAlgo::Sha1>));
  put(vm, m, "sha224", vm.make_builtin("openssl_sha224", h_ctor<pylib::DigestAlgo::Sha224>));
  put(vm, m, "sha256", vm.make_builtin("openssl_sha256", h_ctor<pylib::DigestAlgo::Sha256>));
  put(vm, m, "sha384", vm.make_builtin("openssl_sha384", h_ctor<pylib::DigestAlgo::Sha384>));
  put(vm, m, "sha512", vm.make_builtin("openssl_sha512", h_ctor<pylib::DigestAlgo::Sha512>));
  put(vm, m, "new", vm.make_builtin("__hash_new", h_new));
  std::vector<Ref> names;
  for (const char* n : {"md5", "sha1", "sha224", "sha256", "sha384", "sha512"}) names.push_back(rt.make_str(n));
  // algorithms_guaranteed lists more digests than the simulator computes; it lists the modelled ones
  for (const char* attr : {"algorithms_guaranteed", "algorithms_available"}) {
    Ref s = vm.call(Ref(rt.set_t), nullptr, 0);
    if (!s) return;
    for (auto& n : names) {
      Ref add = vm.getattr(s, rt.intern("add").as<StrObj>());
      if (!add || !vm.call1(add, n)) return;
    }
    put(vm, m, attr, s);
  }
}

}  // namespace pitfall::sim
