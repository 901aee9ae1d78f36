// The argument counts of the built-in functions (Python/bltinmodule.c and its
// Argument Clinic file), checked before the function runs, with the message
// of the C form each one is written in:
// - METH_O: "len() takes exactly one argument (2 given)";
// - METH_NOARGS: "globals() takes no arguments (1 given)";
// - PyArg_UnpackTuple / _PyArg_CheckPositional: "isinstance expected 2
//   arguments, got 1", "getattr expected at least 2 arguments, got 1",
//   "dir expected at most 1 argument, got 2" (positional arguments only);
// - Argument Clinic with keywords (_PyArg_UnpackKeywords): "round() takes at
//   most 2 arguments (3 given)" (positional and keyword), "exec() takes at
//   most 3 positional arguments (4 given)", "sum() takes at least 1
//   positional argument (0 given)" (a positional-only parameter), "pow()
//   missing required argument 'base' (pos 1)".
// The first three take no keyword arguments unless the entry says so:
// "len() takes no keyword arguments". The messages were read from CPython
// 3.10-3.13 calling each built-in with 0 to 5 arguments and with a keyword;
// exec (3.11) and eval (3.13) moved to Argument Clinic.
#include <string>
#include <vector>

#include "sim/vm/vm.h"

namespace pitfall::sim {

namespace {

enum class Form : std::uint8_t { One, NoArgs, Unpack, Clinic };

struct Arity {
  const char* name;
  int from_minor, to_minor;  // the CPython versions (3.x) that have this form
  Form form;
  int min, max;              // positional arguments (max -1: no limit)
  bool kw;                   // keyword arguments accepted (One/NoArgs/Unpack)
  int max_total;             // Clinic: positional plus keyword arguments
  const char* required[3];   // Clinic: the required parameters' names (null: positional-only)
  const char* by_name[3];    // Clinic: parameters the function reads by position only: keywords become positional
};

constexpr int kAll = 99;

const Arity kArity[] = {
    {"abs", 0, kAll, Form::One, 1, 1, false, 0, {}, {}},
    {"aiter", 0, kAll, Form::One, 1, 1, false, 0, {}, {}},
    {"all", 0, kAll, Form::One, 1, 1, false, 0, {}, {}},
    {"any", 0, kAll, Form::One, 1, 1, false, 0, {}, {}},
    {"ascii", 0, kAll, Form::One, 1, 1, false, 0, {}, {}},
    {"bin", 0, kAll, Form::One, 1, 1, false, 0, {}, {}},
    {"callable", 0, kAll, Form::One, 1, 1, false, 0, {}, {}},
    {"chr", 0, kAll, Form::One, 1, 1, false, 0, {}, {}},
    {"hash", 0, kAll, Form::One, 1, 1, false, 0, {}, {}},
    {"hex", 0, kAll, Form::One, 1, 1, false, 0, {}, {}},
    {"id", 0, kAll, Form::One, 1, 1, false, 0, {}, {}},
    {"len", 0, kAll, Form::One, 1, 1, false, 0, {}, {}},
    {"oct", 0, kAll, Form::One, 1, 1, false, 0, {}, {}},
    {"ord", 0, kAll, Form::One, 1, 1, false, 0, {}, {}},
    {"repr", 0, kAll, Form::One, 1, 1, false, 0, {}, {}},
    {"globals", 0, kAll, Form::NoArgs, 0, 0, false, 0, {}, {}},
    {"locals", 0, kAll, Form::NoArgs, 0, 0, false, 0, {}, {}},
    {"anext", 0, kAll, Form::Unpack, 1, 2, false, 0, {}, {}},
    {"delattr", 0, kAll, Form::Unpack, 2, 2, false, 0, {}, {}},
    {"dir", 0, kAll, Form::Unpack, 0, 1, false, 0, {}, {}},
    {"divmod", 0, kAll, Form::Unpack, 2, 2, false, 0, {}, {}},
    {"format", 0, kAll, Form::Unpack, 1, 2, false, 0, {}, {}},
    {"getattr", 0, kAll, Form::Unpack, 2, 3, false, 0, {}, {}},
    {"hasattr", 0, kAll, Form::Unpack, 2, 2, false, 0, {}, {}},
    {"isinstance", 0, kAll, Form::Unpack, 2, 2, false, 0, {}, {}},
    {"issubclass", 0, kAll, Form::Unpack, 2, 2, false, 0, {}, {}},
    {"iter", 0, kAll, Form::Unpack, 1, 2, false, 0, {}, {}},
    {"next", 0, kAll, Form::Unpack, 1, 2, false, 0, {}, {}},
    {"setattr", 0, kAll, Form::Unpack, 3, 3, false, 0, {}, {}},
    {"vars", 0, kAll, Form::Unpack, 0, 1, false, 0, {}, {}},
    {"max", 0, kAll, Form::Unpack, 1, -1, true, 0, {}, {}},
    {"min", 0, kAll, Form::Unpack, 1, -1, true, 0, {}, {}},
    {"sorted", 0, kAll, Form::Unpack, 1, 1, true, 0, {}, {}},
    {"eval", 0, 12, Form::Unpack, 1, 3, false, 0, {}, {}},
    {"eval", 13, kAll, Form::Clinic, 1, 3, true, 3, {nullptr}, {}},
    {"exec", 0, 10, Form::Unpack, 1, 3, false, 0, {}, {}},
    {"exec", 11, kAll, Form::Clinic, 1, 3, true, 4, {nullptr}, {}},
    {"sum", 0, kAll, Form::Clinic, 1, 2, true, 2, {nullptr}, {}},
    {"round", 0, kAll, Form::Clinic, 0, 2, true, 2, {"number"}, {"number", "ndigits"}},
    {"pow", 0, kAll, Form::Clinic, 0, 3, true, 3, {"base", "exp"}, {"base", "exp", "mod"}},
    {"compile", 0, kAll, Form::Clinic, 0, 6, true, 7, {"source", "filename", "mode"}, {}},
    {"open", 0, kAll, Form::Clinic, 0, 8, true, 8, {"file"}, {}},
};

std::string plural(int n, const char* what) { return std::to_string(n) + " " + what + (n == 1 ? "" : "s"); }

bool has_kw(const Args& a, const char* name) { return bool(a.kw(name)); }

// True when the arguments surely fit (no message to build): the common case.
bool fits(const Arity& s, const Args& a) {
  const int n = a.n, nkw = a.nkw();
  if (nkw > 0 && !s.kw) return false;
  if (n < s.min || (s.max >= 0 && n > s.max)) return false;
  if (s.form != Form::Clinic) return true;
  return n + nkw <= s.max_total && (n >= 3 || !s.required[n]);
}

// The TypeError CPython raises for these arguments, or "" when they fit.
std::string arity_error(const Arity& s, const Args& a) {
  const std::string fn = std::string(s.name) + "()";
  const int n = a.n, nkw = a.nkw();
  if (nkw > 0 && !s.kw) return fn + " takes no keyword arguments";
  switch (s.form) {
    case Form::One:
      if (n != 1) return fn + " takes exactly one argument (" + std::to_string(n) + " given)";
      return "";
    case Form::NoArgs:
      if (n != 0) return fn + " takes no arguments (" + std::to_string(n) + " given)";
      return "";
    case Form::Unpack:
      if (s.min == s.max && n != s.min) return std::string(s.name) + " expected " + plural(s.min, "argument") + ", got " + std::to_string(n);
      if (n < s.min) return std::string(s.name) + " expected at least " + plural(s.min, "argument") + ", got " + std::to_string(n);
      if (s.max >= 0 && n > s.max) return std::string(s.name) + " expected at most " + plural(s.max, "argument") + ", got " + std::to_string(n);
      return "";
    case Form::Clinic:
      if (n + nkw > s.max_total) return fn + " takes at most " + plural(s.max_total, "argument") + " (" + std::to_string(n + nkw) + " given)";
      if (n > s.max) return fn + " takes at most " + plural(s.max, "positional argument") + " (" + std::to_string(n) + " given)";
      if (n < s.min) return fn + " takes at least " + plural(s.min, "positional argument") + " (" + std::to_string(n) + " given)";
      for (int i = n; i < 3 && s.required[i]; ++i)
        if (!has_kw(a, s.required[i])) return fn + " missing required argument '" + s.required[i] + "' (pos " + std::to_string(i + 1) + ")";
      return "";
  }
  return "";
}

// The checking function that stands in the builtins dict: its `data` is the
// built-in it checks for, its `idata` the row of kArity.
Ref checked(VM& vm, Args& a) {
  BuiltinObj* self = a.self;
  if (!self || self->idata < 0 || self->idata >= std::int64_t(std::size(kArity)) || !self->data || self->data->tag != Tag::Builtin)
    return vm.raise(vm.rt.RuntimeError, "bad built-in function wrapper");
  if (!fits(kArity[self->idata], a)) {
    const std::string err = arity_error(kArity[self->idata], a);
    if (!err.empty()) return vm.raise(vm.rt.TypeError, err);
  }
  BuiltinObj* inner = self->data.as<BuiltinObj>();
  const Arity& s = kArity[self->idata];
  if (a.nkw() > 0 && s.by_name[0]) {
    // round(x, ndigits=2), pow(base=2, exp=3): the keywords in their places
    std::vector<Ref> v(a.v, a.v + a.n);
    int used = 0;
    for (int i = a.n; i < 3 && s.by_name[i]; ++i) {
      Ref k = a.kw(s.by_name[i]);
      if (!k) break;
      v.push_back(std::move(k));
      ++used;
    }
    if (used != a.nkw()) {
      for (int i = 0; i < a.nkw(); ++i) {
        const Ref& name = a.kwn->items[std::size_t(i)];
        bool known = false;
        for (int j = 0; j < 3 && s.by_name[j]; ++j)
          known = known || (name->tag == Tag::Str && name.as<StrObj>()->s == s.by_name[j]);
        if (known) continue;
        const std::string k = name->tag == Tag::Str ? name.as<StrObj>()->s : std::string("?");
        if (vm.python_minor() >= 13) return vm.raise(vm.rt.TypeError, std::string(s.name) + "() got an unexpected keyword argument '" + k + "'");
        return vm.raise(vm.rt.TypeError, "'" + k + "' is an invalid keyword argument for " + s.name + "()");
      }
      for (int j = 0; j < a.n && j < 3 && s.by_name[j]; ++j)
        if (a.kw(s.by_name[j]))
          return vm.raise(vm.rt.TypeError, std::string("argument for ") + s.name + "() given by name ('" + s.by_name[j] + "') and position (" + std::to_string(j + 1) + ")");
      return vm.raise(vm.rt.TypeError, std::string(s.name) + "(): keyword arguments out of place");
    }
    Args p;
    p.v = v.data();
    p.n = int(v.size());
    p.self = inner;
    return inner->fn(vm, p);
  }
  a.self = inner;
  return inner->fn(vm, a);
}

}  // namespace

// Puts the argument-count check in front of each built-in function of kArity
// that the builtins dict holds as a built-in (for the VM's CPython version).
void install_builtin_arity(VM& vm) {
  const int minor = vm.python_minor();
  DictObj* b = vm.builtins.as<DictObj>();
  for (std::size_t i = 0; i < std::size(kArity); ++i) {
    const Arity& s = kArity[i];
    if (minor < s.from_minor || minor > s.to_minor) continue;
    Ref key = vm.rt.intern(s.name);
    Ref f = vm.dict_get_str(b, key.as<StrObj>());
    if (!f || f->tag != Tag::Builtin || f.as<BuiltinObj>()->fn == checked) continue;
    Ref w = vm.make_builtin(f.as<BuiltinObj>()->name, checked, f);
    w.as<BuiltinObj>()->idata = std::int64_t(i);
    vm.dict_set(b, key, w);
  }
}

}  // namespace pitfall::sim
