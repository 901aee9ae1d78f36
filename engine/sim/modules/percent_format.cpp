// `str % args` and `bytes % args` through pylib's exact printf-style formatter
// (Objects/unicodeobject.c PyUnicode_Format, Objects/bytesobject.c
// _PyBytes_FormatEx; a bytearray's result is a bytearray): the VM describes the operand
// (tuple, mapping or single value) and supplies str/repr/ascii and numeric
// views of each argument, calling __index__/__int__/__float__ as CPython does.
#include <cstdio>
#include <deque>

#include "sim/modules/bytearray_type.h"
#include "sim/pylib/format.h"
#include "sim/pylib/percent.h"
#include "sim/pylib/unicode.h"
#include "sim/vm/int_ops.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {

bool buffer_bytes(const Obj* o, std::string& out);  // array_module.cpp: an array's raw bytes

namespace {

using pylib::Error;
using pylib::ErrorKind;
using pylib::Result;

// Turns the pending VM exception into a pylib error (so that the formatter
// stops), remembering that the exception is already set.
struct Bridge : pylib::PercentArgs {
  VM& vm;
  Ref args;
  mutable std::deque<Ref> held;  // values handed out as handles stay alive here
  mutable bool vm_error = false;
  bool bytes_format = false;  // bytes % args
  Bridge(VM& v, Ref a, bool bytes = false) : vm(v), args(std::move(a)), bytes_format(bytes) {}

  Handle handle(Ref r) const {
    held.push_back(std::move(r));
    return reinterpret_cast<Handle>(&held.back());
  }
  static const Ref& of(Handle h) { return *reinterpret_cast<const Ref*>(h); }
  Error failed() const {
    vm_error = true;
    return pylib::make_error(ErrorKind::ValueError, "");
  }

  bool is_tuple() const override { return args->tag == Tag::Tuple; }
  std::size_t count() const override { return is_tuple() ? args.as<TupleObj>()->items.size() : 1; }
  Handle at(std::size_t i) const override { return handle(is_tuple() ? args.as<TupleObj>()->items[i] : args); }
  bool is_mapping() const override {
    if (args->tag == Tag::Tuple || args->tag == (bytes_format ? Tag::Bytes : Tag::Str)) return false;
    if (args->tag == Tag::Dict || args->tag == Tag::List) return true;
    return bool(vm.lookup_type(args->cls, vm.rt.intern("__getitem__").as<StrObj>()));
  }
  Result<Handle> lookup(std::string_view key) const override {
    Ref k = bytes_format ? Ref(make<BytesObj>(vm.rt.bytes_t, std::string(key))) : vm.rt.make_str(std::string(key));
    Ref v = vm.getitem(args, k);
    if (!v) return failed();
    return handle(v);
  }
  Result<std::string> text(Handle h, int kind) const {
    std::string out;
    bool ok = kind == 0 ? vm.str_to(of(h), out) : vm.repr_to(of(h), out);
    if (!ok) return failed();
    return out;
  }
  Result<std::string> str(Handle h) const override { return text(h, 0); }
  Result<std::string> repr(Handle h) const override { return text(h, 1); }
  Result<std::string> ascii(Handle h) const override {
    std::string out;
    if (!vm.repr_to(of(h), out)) return failed();
    // ascii(x): repr with non-ASCII characters escaped
    std::string esc;
    for (char32_t cp : pylib::utf8_decode(out)) {
      char b[16];
      if (cp < 0x80) { esc += char(cp); continue; }
      if (cp < 0x100) std::snprintf(b, sizeof b, "\\x%02x", unsigned(cp));
      else if (cp < 0x10000) std::snprintf(b, sizeof b, "\\u%04x", unsigned(cp));
      else std::snprintf(b, sizeof b, "\\U%08x", unsigned(cp));
      esc += b;
    }
    return esc;
  }
  std::string type_name(Handle h) const override { return vm.type_name(of(h)); }
  bool bytes_mode() const override { return bytes_format; }
  Result<std::string> bytes(Handle h) const override {
    const Ref& x = of(h);
    std::string out;
    if (x->tag == Tag::Bytes) return x.as<BytesObj>()->s;
    if (is_bytearray(x.get())) return bytearray_data(x.get());
    if (buffer_bytes(x.get(), out)) return out;
    if (x->tag != Tag::Str) {
      if (Ref f = vm.lookup_type(x->cls, vm.rt.intern("__bytes__").as<StrObj>())) {
        Ref r = vm.call1(f, x);
        if (!r) return failed();
        if (r->tag != Tag::Bytes) {
          vm.raise(vm.rt.TypeError, "__bytes__ returned non-bytes (type " + vm.type_name(r) + ")");
          return failed();
        }
        return r.as<BytesObj>()->s;
      }
    }
    return pylib::make_error(ErrorKind::TypeError, "%b requires a bytes-like object, or an object that implements __bytes__, not '" + vm.type_name(x) + "'");
  }
  Result<pylib::PercentNumber> number(Handle h) const override {
    const Ref& x = of(h);
    pylib::PercentNumber n;
    if (is_int_obj(x.get())) { n.kind = pylib::PercentNumber::Kind::Int; n.int_value = int_big(x.get()); return n; }
    if (x->tag == Tag::Float) { n.kind = pylib::PercentNumber::Kind::Float; n.float_value = x.as<FloatObj>()->v; return n; }
    if (x->tag == Tag::Str) { n.kind = pylib::PercentNumber::Kind::Str; n.str_value = x.as<StrObj>()->s; return n; }
    if (!x->cls->builtin) {
      for (const char* m : {"__index__", "__int__", "__float__"}) {
        Ref f = vm.lookup_type(x->cls, vm.rt.intern(m).as<StrObj>());
        if (!f) continue;
        Ref r = vm.call1(f, x);
        if (!r) return failed();
        if (is_int_obj(r.get())) { n.kind = pylib::PercentNumber::Kind::Int; n.int_value = int_big(r.get()); return n; }
        if (r->tag == Tag::Float) { n.kind = pylib::PercentNumber::Kind::Float; n.float_value = r.as<FloatObj>()->v; return n; }
      }
    }
    n.kind = pylib::PercentNumber::Kind::Other;
    return n;
  }
};

// The commonest shape, `"item%d" % n` or `"%s!" % s`: one bare %d, %i or %s
// (no flags, width or precision; %% allowed) and one exact int (int64) or
// str. The text is what the formatter makes of it, built without the
// argument bridge; any other shape returns false and goes the general way.
bool percent_one_fast(const std::string& fmt, const Obj* arg, const Runtime& rt, std::string& out) {
  const bool is_int = arg->tag == Tag::Int && arg->cls == rt.int_t;
  if (!is_int && !(arg->tag == Tag::Str && arg->cls == rt.str_t)) return false;
  std::size_t spec = std::string::npos;
  for (std::size_t i = fmt.find('%'); i != std::string::npos; i = fmt.find('%', i + 2)) {
    if (i + 1 >= fmt.size()) return false;
    const char c = fmt[i + 1];
    if (c == '%') continue;
    if (spec != std::string::npos || !(c == 's' || ((c == 'd' || c == 'i') && is_int))) return false;
    spec = i;
  }
  if (spec == std::string::npos) return false;  // "not all arguments converted": the general path says so
  char digits[24];
  std::string_view value;
  if (is_int) {
    const int n = std::snprintf(digits, sizeof digits, "%lld", static_cast<long long>(static_cast<const IntObj*>(arg)->v));
    value = std::string_view(digits, std::size_t(n));
  } else {
    value = static_cast<const StrObj*>(arg)->s;
  }
  out.clear();
  out.reserve(fmt.size() + value.size());
  for (std::size_t i = 0; i < fmt.size(); ++i) {
    if (fmt[i] != '%') { out += fmt[i]; continue; }
    if (i == spec) out += value;
    else out += '%';
    ++i;
  }
  return true;
}

Ref str_percent(VM& vm, Args& a) {
  if (a.n != 2 || a.v[0]->tag != Tag::Str) return vm.raise(vm.rt.TypeError, "descriptor '__mod__' requires a 'str' object");
  if (std::string text; percent_one_fast(a.v[0].as<StrObj>()->s, a.v[1].get(), vm.rt, text)) return vm.rt.make_str(std::move(text));
  Bridge b(vm, a.v[1]);
  auto r = pylib::percent_format(a.v[0].as<StrObj>()->s, b);
  if (b.vm_error) return nullptr;
  if (!r) return raise_pylib(vm, r.error());
  return vm.rt.make_str(std::move(*r));
}

Ref bytes_percent(VM& vm, Args& a) {
  const bool ba = a.n == 2 && is_bytearray(a.v[0].get());
  if (a.n != 2 || (a.v[0]->tag != Tag::Bytes && !ba)) return vm.raise(vm.rt.TypeError, "descriptor '__mod__' requires a 'bytes' object");
  Bridge b(vm, a.v[1], true);
  auto r = pylib::percent_format(ba ? bytearray_data(a.v[0].get()) : a.v[0].as<BytesObj>()->s, b);
  if (b.vm_error) return nullptr;
  if (!r) return raise_pylib(vm, r.error());
  Ref out = make<BytesObj>(vm.rt.bytes_t, std::move(*r));
  if (!ba) return out;
  Ref ba_t = vm.dict_get_str(vm.builtins.as<DictObj>(), vm.rt.intern("bytearray").as<StrObj>());
  return ba_t ? vm.call1(ba_t, out) : out;  // bytearray(result)
}

}  // namespace

void init_percent_format(VM& vm) {
  vm.add_method(vm.rt.str_t, "__mod__", str_percent);
  vm.add_method(vm.rt.bytes_t, "__mod__", bytes_percent);
  Ref ba = vm.dict_get_str(vm.builtins.as<DictObj>(), vm.rt.intern("bytearray").as<StrObj>());
  if (ba && ba->tag == Tag::Class) vm.add_method(ba.as<ClassObj>(), "__mod__", bytes_percent);
}

}  // namespace pitfall::sim
