// re.Match: group(s), groupdict, start/end/span, lastindex/lastgroup,
// expand, m[g], repr; and the replacement-template expansion that
// Pattern.sub shares (Lib/re/_parser.py parse_template/expand_template, 3.11).
#include "sim/modules/re_objects.h"
#include "sim/pylib/format.h"
#include "sim/pylib/unicode.h"

namespace pitfall::sim {

// Tag::Other holds many kinds of objects (slot descriptors, weak references,
// NativeObj...): the dynamic type decides
RePatternObj* as_re_pattern(const Ref& o) {
  if (!o || o->tag != Tag::Other) return nullptr;
  return dynamic_cast<RePatternObj*>(o.get());
}
ReMatchObj* as_re_match(const Ref& o) {
  if (!o || o->tag != Tag::Other) return nullptr;
  return dynamic_cast<ReMatchObj*>(o.get());
}

std::int64_t re_object_getsizeof(const Obj* o) {
  if (o->tag != Tag::Other) return -1;
  // Modules/_sre/sre.c: pattern_sizeof = sizeof(PatternObject) + codesize words;
  // a Match is a var-sized GC object with 2 Py_ssize_t per group (measured on 3.11)
  if (auto* p = dynamic_cast<const RePatternObj*>(o)) return 112 + 4 * std::int64_t(p->prog.code_words);
  if (auto* m = dynamic_cast<const ReMatchObj*>(o)) return 104 + 16 * std::int64_t(m->m.spans.size() / 2);
  return -1;
}

Ref re_make_match(VM& vm, const Ref& pattern, const Ref& string, const std::shared_ptr<const std::u32string>& text,
                  regex::MatchSpans&& m, std::int64_t pos, std::int64_t endpos) {
  Ref t = vm.dict_get_str(vm.builtins.as<DictObj>(), vm.rt.intern("__pitfall_re_match_t").as<StrObj>());
  Ref r = make<ReMatchObj>(t.as<ClassObj>());
  auto* mo = r.as<ReMatchObj>();
  mo->pattern = pattern;
  mo->string = string;
  mo->text = text;
  mo->m = std::move(m);
  mo->pos = pos;
  mo->endpos = endpos;
  return r;
}

Ref re_group_str(VM& vm, ReMatchObj* m, int g, const Ref& dflt) {
  std::int64_t s = m->m.spans[size_t(2 * g)], e = m->m.spans[size_t(2 * g + 1)];
  if (s < 0 || e < 0) return dflt;
  if (e < s) e = s;
  return re_text(vm, re_is_bytes(m->pattern), std::u32string_view(*m->text).substr(size_t(s), size_t(e - s)));
}

int re_group_index(VM& vm, ReMatchObj* m, const Ref& g) {
  int ngroups = int(m->m.spans.size() / 2);
  if (g->tag == Tag::Int) {
    std::int64_t i = g.as<IntObj>()->v;
    if (i >= 0 && i < ngroups) return int(i);
  } else if (g->tag == Tag::Str) {
    auto* p = m->pattern.as<RePatternObj>();
    for (auto& [name, idx] : p->prog.groupdict)
      if (name == g.as<StrObj>()->s) return idx;
  } else if (g->tag == Tag::BigInt) {
  } else {
    std::int64_t i;
    if (vm.isinstance(g, vm.rt.int_t) && vm.index_value(g, i) && i >= 0 && i < ngroups) return int(i);
    vm.exc.reset();
  }
  vm.raise(vm.rt.IndexError, "no such group");
  return -1;
}

namespace {

ReMatchObj* self_of(VM& vm, Args& a) {
  ReMatchObj* m = a.n >= 1 ? as_re_match(a.v[0]) : nullptr;
  if (!m) vm.raise(vm.rt.TypeError, "descriptor requires a 're.Match' object");
  return m;
}

Ref m_group(VM& vm, Args& a) {
  ReMatchObj* m = self_of(vm, a);
  if (!m) return nullptr;
  if (a.n <= 1) return re_group_str(vm, m, 0, vm.rt.None);
  if (a.n == 2) {
    int g = re_group_index(vm, m, a.v[1]);
    return g < 0 ? nullptr : re_group_str(vm, m, g, vm.rt.None);
  }
  std::vector<Ref> items;
  for (int k = 1; k < a.n; ++k) {
    int g = re_group_index(vm, m, a.v[k]);
    if (g < 0) return nullptr;
    items.push_back(re_group_str(vm, m, g, vm.rt.None));
  }
  return vm.rt.make_tuple(std::move(items));
}
Ref m_getitem(VM& vm, Args& a) {
  ReMatchObj* m = self_of(vm, a);
  if (!m || a.n < 2) return m ? vm.raise(vm.rt.TypeError, "expected 1 argument, got 0") : nullptr;
  int g = re_group_index(vm, m, a.v[1]);
  return g < 0 ? nullptr : re_group_str(vm, m, g, vm.rt.None);
}
Ref m_groups(VM& vm, Args& a) {
  ReMatchObj* m = self_of(vm, a);
  if (!m) return nullptr;
  Ref dflt = a.n > 1 ? a.v[1] : a.kw("default");
  if (!dflt) dflt = vm.rt.None;
  std::vector<Ref> items;
  for (size_t g = 1; g < m->m.spans.size() / 2; ++g) items.push_back(re_group_str(vm, m, int(g), dflt));
  return vm.rt.make_tuple(std::move(items));
}
Ref m_groupdict(VM& vm, Args& a) {
  ReMatchObj* m = self_of(vm, a);
  if (!m) return nullptr;
  Ref dflt = a.n > 1 ? a.v[1] : a.kw("default");
  if (!dflt) dflt = vm.rt.None;
  Ref d = vm.rt.make_dict();
  for (auto& [name, idx] : m->pattern.as<RePatternObj>()->prog.groupdict)
    vm.dict_set(d.as<DictObj>(), vm.rt.make_str(name), re_group_str(vm, m, idx, dflt));
  return d;
}
// start/end/span(group=0)
bool span_of(VM& vm, Args& a, ReMatchObj*& m, std::int64_t& s, std::int64_t& e) {
  m = self_of(vm, a);
  if (!m) return false;
  int g = 0;
  if (a.n > 1) {
    g = re_group_index(vm, m, a.v[1]);
    if (g < 0) return false;
  }
  s = m->m.spans[size_t(2 * g)];
  e = m->m.spans[size_t(2 * g + 1)];
  if (s < 0 || e < 0) s = e = -1;
  return true;
}
Ref m_start(VM& vm, Args& a) {
  ReMatchObj* m; std::int64_t s, e;
  return span_of(vm, a, m, s, e) ? vm.rt.make_int(s) : nullptr;
}
Ref m_end(VM& vm, Args& a) {
  ReMatchObj* m; std::int64_t s, e;
  return span_of(vm, a, m, s, e) ? vm.rt.make_int(e) : nullptr;
}
Ref m_span(VM& vm, Args& a) {
  ReMatchObj* m; std::int64_t s, e;
  return span_of(vm, a, m, s, e) ? vm.rt.make_tuple({vm.rt.make_int(s), vm.rt.make_int(e)}) : nullptr;
}
Ref m_expand(VM& vm, Args& a) {
  ReMatchObj* m = self_of(vm, a);
  if (!m) return nullptr;
  const bool bytes = re_is_bytes(m->pattern);
  if (a.n < 2 || a.v[1]->tag != (bytes ? Tag::Bytes : Tag::Str))
    return vm.raise(vm.rt.TypeError, bytes ? "expected a bytes-like object" : "expected str instance");
  std::string tmpl;
  if (bytes) {
    std::u32string cps;
    for (unsigned char c : a.v[1].as<BytesObj>()->s) cps += char32_t(c);
    tmpl = pylib::utf8_encode(cps);
  } else {
    tmpl = a.v[1].as<StrObj>()->s;
  }
  std::string out;
  if (!re_expand(vm, m, tmpl, out)) return nullptr;
  return bytes ? re_text(vm, true, pylib::utf8_decode(out)) : vm.rt.make_str(std::move(out));
}
Ref m_repr(VM& vm, Args& a) {
  ReMatchObj* m = self_of(vm, a);
  if (!m) return nullptr;
  Ref g0 = re_group_str(vm, m, 0, vm.rt.None);
  std::string r;
  if (g0->tag == Tag::Bytes) {
    if (!vm.repr_to(g0, r)) return nullptr;
  } else {
    r = pylib::str_repr(g0.as<StrObj>()->s);
  }
  // %.50R: the repr cut at 50 characters
  std::u32string cps = pylib::utf8_decode(r);
  if (cps.size() > 50) r = pylib::utf8_encode(cps.substr(0, 50));
  return vm.rt.make_str("<re.Match object; span=(" + std::to_string(m->m.spans[0]) + ", " + std::to_string(m->m.spans[1]) +
                        "), match=" + r + ">");
}
Ref m_string(VM& vm, Args& a) { ReMatchObj* m = self_of(vm, a); return m ? m->string : nullptr; }
Ref m_re(VM& vm, Args& a) { ReMatchObj* m = self_of(vm, a); return m ? m->pattern : nullptr; }
Ref m_pos(VM& vm, Args& a) { ReMatchObj* m = self_of(vm, a); return m ? vm.rt.make_int(m->pos) : nullptr; }
Ref m_endpos(VM& vm, Args& a) { ReMatchObj* m = self_of(vm, a); return m ? vm.rt.make_int(m->endpos) : nullptr; }
Ref m_lastindex(VM& vm, Args& a) {
  ReMatchObj* m = self_of(vm, a);
  if (!m) return nullptr;
  return m->m.lastindex >= 0 ? vm.rt.make_int(m->m.lastindex) : vm.rt.None;
}
Ref m_lastgroup(VM& vm, Args& a) {
  ReMatchObj* m = self_of(vm, a);
  if (!m) return nullptr;
  for (auto& [name, idx] : m->pattern.as<RePatternObj>()->prog.groupdict)
    if (idx == m->m.lastindex) return vm.rt.make_str(name);
  return vm.rt.None;
}
Ref m_regs(VM& vm, Args& a) {
  ReMatchObj* m = self_of(vm, a);
  if (!m) return nullptr;
  std::vector<Ref> items;
  for (size_t g = 0; g < m->m.spans.size() / 2; ++g) {
    std::int64_t s = m->m.spans[2 * g], e = m->m.spans[2 * g + 1];
    if (s < 0 || e < 0) s = e = -1;
    items.push_back(vm.rt.make_tuple({vm.rt.make_int(s), vm.rt.make_int(e)}));
  }
  return vm.rt.make_tuple(std::move(items));
}

// re.error(msg, template, pos) raised from the template parser
bool template_error(VM& vm, const std::string& msg, const std::string& tmpl, std::int64_t pos) {
  Ref re = vm.import("re");
  if (!re) return false;
  Ref err = vm.getattr(re, vm.rt.intern("error").as<StrObj>());
  if (!err) return false;
  Ref args[3] = {vm.rt.make_str(msg), vm.rt.make_str(tmpl), vm.rt.make_int(pos)};
  Ref e = vm.call(err, args, 3);
  if (e) vm.raise_obj(e);
  return false;
}

bool is_oct(char32_t c) { return c >= '0' && c <= '7'; }
bool is_dig(char32_t c) { return c >= '0' && c <= '9'; }

}  // namespace

bool re_expand(VM& vm, ReMatchObj* m, const std::string& tmpl8, std::string& out) {
  std::u32string t = pylib::utf8_decode(tmpl8);
  auto* pat = m->pattern.as<RePatternObj>();
  const int groups = pat->prog.groups - 1;
  size_t i = 0;
  auto add_group = [&](std::int64_t index, std::int64_t back) -> bool {
    if (index > groups) return template_error(vm, "invalid group reference " + std::to_string(index), tmpl8, std::int64_t(i) - back);
    Ref s = re_group_str(vm, m, int(index), nullptr);
    if (s) out += s->tag == Tag::Bytes ? s.as<BytesObj>()->s : s.as<StrObj>()->s;  // bytes patterns give bytes groups
    return true;
  };
  while (i < t.size()) {
    char32_t c = t[i++];
    if (c != '\\') { pylib::utf8_append(out, c); continue; }
    if (i >= t.size()) return template_error(vm, "bad escape (end of pattern)", tmpl8, std::int64_t(t.size()) - 1);
    char32_t e = t[i++];
    if (e == 'g') {
      if (i >= t.size() || t[i] != '<') return template_error(vm, "missing <", tmpl8, std::int64_t(i));
      ++i;
      size_t close = t.find('>', i);
      if (close == std::u32string::npos) {
        if (i >= t.size()) return template_error(vm, "missing group name", tmpl8, std::int64_t(i));
        return template_error(vm, "missing >, unterminated name", tmpl8, std::int64_t(i));
      }
      std::u32string name = t.substr(i, close - i);
      i = close + 1;
      if (name.empty()) return template_error(vm, "missing group name", tmpl8, std::int64_t(i) - 1);
      std::string n8 = pylib::utf8_encode(name);
      std::int64_t index = -1;
      if (pylib::str_isidentifier(n8)) {
        for (auto& [gn, gi] : pat->prog.groupdict) if (gn == n8) index = gi;
        if (index < 0) { vm.raise(vm.rt.IndexError, "unknown group name '" + n8 + "'"); return false; }
      } else {
        index = 0;
        for (char32_t d : name) {
          int dv = pylib::decimal_value(d);
          if (dv < 0) return template_error(vm, "bad character in group name " + pylib::str_repr(n8), tmpl8, std::int64_t(i) - std::int64_t(name.size()) - 1);
          index = std::min<std::int64_t>(index * 10 + dv, std::int64_t(1) << 40);
        }
      }
      if (!add_group(index, std::int64_t(name.size()) + 1)) return false;
    } else if (e == '0') {
      std::uint32_t v = 0;
      for (int k = 0; k < 2 && i < t.size() && is_oct(t[i]); ++k) v = v * 8 + (t[i++] - '0');
      pylib::utf8_append(out, v & 0xff);
    } else if (is_dig(e)) {
      std::u32string digits(1, e);
      bool octal = false;
      if (i < t.size() && is_dig(t[i])) {
        digits += t[i++];
        if (is_oct(e) && is_oct(digits[1]) && i < t.size() && is_oct(t[i])) {
          digits += t[i++];
          octal = true;
          std::uint32_t v = (digits[0] - '0') * 64 + (digits[1] - '0') * 8 + (digits[2] - '0');
          if (v > 0377) return template_error(vm, "octal escape value \\" + pylib::utf8_encode(digits) + " outside of range 0-0o377", tmpl8, std::int64_t(i) - 4);
          pylib::utf8_append(out, v);
        }
      }
      if (!octal) {
        std::int64_t index = 0;
        for (char32_t d : digits) index = index * 10 + (d - '0');
        if (!add_group(index, std::int64_t(digits.size()))) return false;
      }
    } else {
      char32_t v = 0;
      switch (e) {
        case 'a': v = 7; break;
        case 'b': v = 8; break;
        case 'f': v = 12; break;
        case 'n': v = 10; break;
        case 'r': v = 13; break;
        case 't': v = 9; break;
        case 'v': v = 11; break;
        case '\\': v = '\\'; break;
        default:
          if ((e | 32) >= 'a' && (e | 32) <= 'z')
            return template_error(vm, "bad escape \\" + pylib::utf8_encode(std::u32string(1, e)), tmpl8, std::int64_t(i) - 2);
          out += '\\';
          v = e;
      }
      pylib::utf8_append(out, v);
    }
  }
  return true;
}

void init_re_match_type(VM& vm, ClassObj* t) {
  struct { const char* n; BuiltinFn f; } ms[] = {
      {"group", m_group}, {"groups", m_groups}, {"groupdict", m_groupdict}, {"start", m_start}, {"end", m_end},
      {"span", m_span}, {"expand", m_expand}, {"__getitem__", m_getitem}, {"__repr__", m_repr},
  };
  for (auto& m : ms) vm.add_method(t, m.n, m.f);
  struct { const char* n; BuiltinFn f; } ps[] = {
      {"string", m_string}, {"re", m_re}, {"pos", m_pos}, {"endpos", m_endpos},
      {"lastindex", m_lastindex}, {"lastgroup", m_lastgroup}, {"regs", m_regs},
  };
  for (auto& p : ps) {
    Ref pr = make<PropertyObj>(vm.rt.property_t);
    pr.as<PropertyObj>()->fget = vm.make_builtin(p.n, p.f);
    vm.dict_set(t->dict.as<DictObj>(), vm.rt.intern(p.n), pr);
  }
}

}  // namespace pitfall::sim
