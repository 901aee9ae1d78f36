// str.format and str.format_map (Objects/stringlib/unicode_format.h): literal
// text with {{ and }}, replacement fields {name!conv:spec} whose name is an
// automatic or manual index or a keyword followed by .attribute / [key]
// parts, conversions !s !r !a, and format specs that themselves hold
// replacement fields ({:>{width}}), with CPython's errors (a single '}',
// switching between automatic and manual numbering, an unknown conversion,
// an index out of range, a missing keyword).
#include <cctype>
#include <string>

#include "sim/modules/ascii_repr.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {

namespace {

struct FormatState {
  VM& vm;
  Args& a;
  Ref mapping;        // format_map's mapping (then there are no positional arguments)
  int auto_idx = 0;
  int numbering = 0;  // 0 unknown, 1 automatic, 2 manual
};

Ref field_value(FormatState& st, const std::string& field) {
  VM& vm = st.vm;
  std::size_t cut = field.find_first_of(".[");
  const std::string head = field.substr(0, cut);
  Ref v;
  if (head.empty() || std::isdigit(static_cast<unsigned char>(head[0]))) {
    std::int64_t k = 0;
    if (head.empty()) {
      if (st.numbering == 2) return vm.raise(vm.rt.ValueError, "cannot switch from manual field specification to automatic field numbering");
      st.numbering = 1;
      k = st.auto_idx++;
    } else {
      if (st.numbering == 1) return vm.raise(vm.rt.ValueError, "cannot switch from automatic field numbering to manual field specification");
      st.numbering = 2;
      for (char c : head) {
        if (!std::isdigit(static_cast<unsigned char>(c)) || k > 100000000) { k = -1; break; }
        k = k * 10 + (c - '0');
      }
      if (k < 0) {  // "0x" and the like: a keyword name
        v = st.mapping ? vm.getitem(st.mapping, vm.rt.make_str(head)) : st.a.kw(head.c_str());
        if (!v) return vm.exc ? nullptr : vm.raise(vm.rt.KeyError, head);
      }
    }
    if (!v) {
      if (st.mapping) return vm.raise(vm.rt.ValueError, "Format string contains positional fields");
      if (k >= std::int64_t(st.a.n) - 1)
        return vm.raise(vm.rt.IndexError, "Replacement index " + std::to_string(k) + " out of range for positional args tuple");
      v = st.a.v[1 + k];
    }
  } else if (st.mapping) {
    v = vm.getitem(st.mapping, vm.rt.make_str(head));
    if (!v) return nullptr;
  } else {
    v = st.a.kw(head.c_str());
    if (!v) return vm.raise(vm.rt.KeyError, head);
  }
  while (cut != std::string::npos && cut < field.size()) {
    if (field[cut] == '.') {
      std::size_t e = field.find_first_of(".[", cut + 1);
      const std::string nm = field.substr(cut + 1, e == std::string::npos ? std::string::npos : e - cut - 1);
      if (nm.empty()) return vm.raise(vm.rt.ValueError, "Empty attribute in format string");
      v = vm.getattr(v, vm.rt.intern(nm).as<StrObj>());
      if (!v) return nullptr;
      cut = e;
    } else {  // '['
      std::size_t e = field.find(']', cut);
      if (e == std::string::npos) return vm.raise(vm.rt.ValueError, "Missing ']' in format string");
      const std::string key = field.substr(cut + 1, e - cut - 1);
      if (key.empty()) return vm.raise(vm.rt.ValueError, "Empty attribute in format string");
      bool digits = true;
      for (char c : key) if (!std::isdigit(static_cast<unsigned char>(c))) { digits = false; break; }
      Ref k = digits && key.size() < 18 ? vm.rt.make_int(std::stoll(key)) : vm.rt.make_str(key);
      v = vm.getitem(v, k);
      if (!v) return nullptr;
      cut = e + 1;
      if (cut < field.size() && field[cut] != '.' && field[cut] != '[')
        return vm.raise(vm.rt.ValueError, "Only '.' or '[' may follow ']' in format field specifier");
    }
  }
  return v;
}

bool render(FormatState& st, const std::string& f, int depth, std::string& out) {
  VM& vm = st.vm;
  if (depth > 1) { vm.raise(vm.rt.ValueError, "Max string recursion exceeded"); return false; }
  for (std::size_t i = 0; i < f.size(); ++i) {
    const char c = f[i];
    if (c == '}') {
      if (i + 1 < f.size() && f[i + 1] == '}') { out += '}'; ++i; continue; }
      vm.raise(vm.rt.ValueError, "Single '}' encountered in format string");
      return false;
    }
    if (c != '{') { out += c; continue; }
    if (i + 1 < f.size() && f[i + 1] == '{') { out += '{'; ++i; continue; }
    // the field runs to its matching '}' (a spec may nest fields); '[' ... ']' hides braces
    std::size_t j = i + 1;
    int nest = 1;
    bool in_bracket = false;
    for (; j < f.size(); ++j) {
      if (in_bracket) { if (f[j] == ']') in_bracket = false; continue; }
      if (f[j] == '[') in_bracket = true;
      else if (f[j] == '{') ++nest;
      else if (f[j] == '}' && --nest == 0) break;
    }
    if (j >= f.size()) {
      vm.raise(vm.rt.ValueError, nest > 1 || in_bracket ? "expected '}' before end of string" : "Single '{' encountered in format string");
      return false;
    }
    const std::string body = f.substr(i + 1, j - i - 1);
    // field name up to '!' or ':' outside brackets
    std::size_t k = 0;
    bool br = false;
    for (; k < body.size(); ++k) {
      if (br) { if (body[k] == ']') br = false; continue; }
      if (body[k] == '[') br = true;
      else if (body[k] == '!' || body[k] == ':') break;
    }
    const std::string name = body.substr(0, k);
    char conv = 0;
    std::string spec;
    if (k < body.size() && body[k] == '!') {
      if (k + 1 >= body.size()) { vm.raise(vm.rt.ValueError, "end of string while looking for conversion specifier"); return false; }
      conv = body[k + 1];
      if (k + 2 < body.size() && body[k + 2] != ':') { vm.raise(vm.rt.ValueError, "expected ':' after conversion specifier"); return false; }
      if (k + 2 < body.size()) spec = body.substr(k + 3);
    } else if (k < body.size()) {
      spec = body.substr(k + 1);
    }
    Ref v = field_value(st, name);
    if (!v) return false;
    if (conv == 'r') v = vm.repr(v);
    else if (conv == 's') v = vm.str(v);
    else if (conv == 'a') v = ascii_of(vm, v);
    else if (conv) {
      vm.raise(vm.rt.ValueError, std::string("Unknown conversion specifier ") + conv);
      return false;
    }
    if (!v) return false;
    if (spec.find('{') != std::string::npos) {
      std::string expanded;
      if (!render(st, spec, depth + 1, expanded)) return false;
      spec = std::move(expanded);
    }
    Ref r = vm.format(v, spec);
    if (!r) return false;
    out += r.as<StrObj>()->s;
    i = j;
  }
  return true;
}

}  // namespace

// str.format(*args, **kwargs): a.v[0] is the format string
Ref str_format_impl(VM& vm, Args& a) {
  FormatState st{vm, a, Ref()};
  std::string out;
  if (!render(st, a.v[0].as<StrObj>()->s, 0, out)) return nullptr;
  return vm.rt.make_str(std::move(out));
}

// str.format_map(mapping)
Ref str_format_map(VM& vm, Args& a) {
  if (a.n != 2) return vm.raise(vm.rt.TypeError, "format_map() takes exactly one argument (" + std::to_string(a.n - 1) + " given)");
  FormatState st{vm, a, a.v[1]};
  std::string out;
  if (!render(st, a.v[0].as<StrObj>()->s, 0, out)) return nullptr;
  return vm.rt.make_str(std::move(out));
}

}  // namespace pitfall::sim
