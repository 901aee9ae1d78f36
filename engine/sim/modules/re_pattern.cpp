// re.Pattern and the native half of the `re` module (`_pitfall_re`, in the
// role of CPython's _sre): compile, match/search/fullmatch, findall,
// finditer, sub/subn, split, and the costs of all of them.
//
// Notes about the model (costs): a call is charged `builtin.re.match`
// (base_ns per call + per_item_ns per matcher step), plus
// `builtin.re.scan`'s per_item_ns per character scanned (single-character
// repeats and the literal-prefix search: sre's tight loops) and
// `builtin.re.findall`'s per_item_ns per match a findall/finditer/sub/split
// produces, and `builtin.re.attempt`'s per_item_ns per start position a
// search tries (sre's SRE(search) calls SRE(match) at each). Compiling is `builtin.re.compile` per pattern character (CPython
// compiles in Python: Lib/re/_parser.py and _compiler.py). The figures come
// from tools/calibrate_lib/re_costs.py. Matcher steps also count as
// instructions toward the instruction budget, so catastrophic backtracking
// ends with the budget message, its time on the clock.
// Bytes patterns match bytes and bytearray subjects: their bytes are the code
// points 0-255 (latin-1) of the same engine, compiled with ASCII semantics
// (\w, \d, \s and IGNORECASE ASCII-only, as sre's bytes patterns), and every
// piece of the subject comes back as bytes.
// Left out: Pattern.scanner, copy/pickle of patterns, re.escape of bytes.
#include <cstring>

#include "sim/modules/bytearray_type.h"
#include "sim/modules/re_objects.h"
#include "sim/pylib/format.h"
#include "sim/pylib/unicode.h"
#include "sim/vm/steady_state.h"

namespace pitfall::sim {

namespace {

// _pitfall_re._counters(): the engine's work so far, read by tools/calibrate_lib/re_costs.py only
std::uint64_t g_total_steps = 0, g_total_scanned = 0, g_total_items = 0, g_total_attempts = 0;

// Charges `ns` to the line of the program's own innermost frame: re.match(p, s)
// runs Pattern.match from the simulated re.py (library code, no line of its own).
void charge_user_line(VM& vm, double ns) {
  const int saved = vm.cur_slot;
  for (auto it = vm.frames.rbegin(); it != vm.frames.rend(); ++it) {
    Frame* f = *it;
    if (!f->line_stats) continue;
    int ip = f->ip > 0 ? f->ip - 1 : 0;
    const int line = ip < f->ncode ? f->pos[ip].line : 0;
    vm.cur_slot = line > 0 && std::size_t(line) < vm.lines.size() ? line : 0;
    break;
  }
  vm.charge(ns);
  vm.cur_slot = saved;
}

// Work of one Pattern method call, charged once at its end.
struct ReCall {
  VM& vm;
  std::uint64_t steps = 0, scanned = 0, items = 0, attempts = 0;
  explicit ReCall(VM& v) : vm(v) {}
  void charge() {
    g_total_items += items;
    g_total_attempts += attempts;
    double ns = vm.builtin_ns("builtin.re.match", double(steps));
    ns += vm.builtin_ns("builtin.re.scan", double(scanned)) - vm.builtin_ns("builtin.re.scan", 0);
    if (items) ns += vm.builtin_ns("builtin.re.findall", double(items)) - vm.builtin_ns("builtin.re.findall", 0);
    if (attempts) ns += vm.builtin_ns("builtin.re.attempt", double(attempts)) - vm.builtin_ns("builtin.re.attempt", 0);
    charge_user_line(vm, ns);
  }
  // One matcher run; false with an exception set (budget, memory).
  bool run(RePatternObj* p, const std::u32string& s, std::int64_t pos, std::int64_t endpos, regex::Mode mode,
           bool must_advance, regex::MatchSpans& out, bool& matched) {
    regex::Counters c;
    std::uint64_t used = vm.instructions + steps;
    c.limit = vm.budget > used ? vm.budget - used : 0;
    regex::Outcome o = regex::run(p->prog, s, pos, endpos, mode, must_advance, c, out);
    steps += c.steps;
    scanned += c.scanned;
    attempts += c.attempts;
    g_total_steps += c.steps;
    g_total_scanned += c.scanned;
    matched = o == regex::Outcome::Matched;
    if (o == regex::Outcome::Limit) {
      vm.instructions += std::min(c.steps, c.limit);
      charge();
      steps = scanned = items = attempts = 0;
      vm.budget_exceeded = true;
      vm.budget_estimate = estimate_steady_state(vm);
      vm.raise(vm.rt.UnsupportedError, "instruction budget exhausted");
      return false;
    }
    if (o == regex::Outcome::TooDeep) {
      charge();
      steps = scanned = items = attempts = 0;
      vm.raise(vm.rt.MemoryError, "");
      return false;
    }
    return true;
  }
  ~ReCall() {
    if (steps || scanned || items || attempts) {
      vm.instructions += steps;
      charge();
    }
  }
};

RePatternObj* self_of(VM& vm, Args& a) {
  RePatternObj* p = a.n >= 1 ? as_re_pattern(a.v[0]) : nullptr;
  if (!p) vm.raise(vm.rt.TypeError, "descriptor requires a 're.Pattern' object");
  return p;
}

std::u32string latin1_decode(const std::string& b) {
  std::u32string out;
  out.reserve(b.size());
  for (unsigned char c : b) out += char32_t(c);
  return out;
}

// The string argument, its code points (shared by the Match objects made).
bool text_arg(VM& vm, const RePatternObj* p, const Ref& s, std::shared_ptr<const std::u32string>& out) {
  const bool is_bytes = s->tag == Tag::Bytes || is_bytearray(s.get());
  if (s->tag != Tag::Str && !is_bytes) {
    vm.raise(vm.rt.TypeError, "expected string or bytes-like object, got '" + vm.type_name(s) + "'");
    return false;
  }
  if (p->bytes != is_bytes) {
    vm.raise(vm.rt.TypeError, p->bytes ? "cannot use a bytes pattern on a string-like object" : "cannot use a string pattern on a bytes-like object");
    return false;
  }
  if (is_bytes) out = std::make_shared<const std::u32string>(latin1_decode(s->tag == Tag::Bytes ? s.as<BytesObj>()->s : bytearray_data(s.get())));
  else out = std::make_shared<const std::u32string>(pylib::utf8_decode(s.as<StrObj>()->s));
  return true;
}

// (string, pos=0, endpos=maxsize) of match/search/fullmatch/findall/finditer
bool pos_args(VM& vm, Args& a, Ref& string, std::int64_t& pos, std::int64_t& endpos) {
  string = a.n > 1 ? a.v[1] : a.kw("string");
  if (!string) { vm.raise(vm.rt.TypeError, "missing required argument 'string' (pos 1)"); return false; }
  pos = 0;
  endpos = std::int64_t(1) << 62;
  Ref p = a.n > 2 ? a.v[2] : a.kw("pos");
  Ref e = a.n > 3 ? a.v[3] : a.kw("endpos");
  if (p && !vm.index_value(p, pos)) return false;
  if (e && !vm.index_value(e, endpos)) return false;
  return true;
}
void clamp(std::int64_t len, std::int64_t& pos, std::int64_t& endpos) {
  if (pos < 0) pos = 0;
  if (pos > len) pos = len;
  if (endpos < 0) endpos = 0;
  if (endpos > len) endpos = len;
}

Ref do_match(VM& vm, Args& a, regex::Mode mode) {
  RePatternObj* p = self_of(vm, a);
  if (!p) return nullptr;
  Ref string;
  std::int64_t pos, endpos;
  std::shared_ptr<const std::u32string> text;
  if (!pos_args(vm, a, string, pos, endpos) || !text_arg(vm, p, string, text)) return nullptr;
  clamp(std::int64_t(text->size()), pos, endpos);
  ReCall call(vm);
  regex::MatchSpans m;
  bool matched = false;
  if (!call.run(p, *text, pos, endpos, mode, false, m, matched)) return nullptr;
  if (!matched) return vm.rt.None;
  return re_make_match(vm, a.v[0], string, text, std::move(m), pos, endpos);
}
Ref p_match(VM& vm, Args& a) { return do_match(vm, a, regex::Mode::Match); }
Ref p_search(VM& vm, Args& a) { return do_match(vm, a, regex::Mode::Search); }
Ref p_fullmatch(VM& vm, Args& a) { return do_match(vm, a, regex::Mode::FullMatch); }

std::string slice8(const std::u32string& t, std::int64_t s, std::int64_t e) {
  return pylib::utf8_encode(std::u32string_view(t).substr(size_t(s), size_t(e - s)));
}

Ref slice_text(VM& vm, const RePatternObj* p, const std::u32string& t, std::int64_t s, std::int64_t e) {
  return re_text(vm, p->bytes, std::u32string_view(t).substr(size_t(s), size_t(e - s)));
}

Ref p_findall(VM& vm, Args& a) {
  RePatternObj* p = self_of(vm, a);
  if (!p) return nullptr;
  Ref string;
  std::int64_t pos, endpos;
  std::shared_ptr<const std::u32string> text;
  if (!pos_args(vm, a, string, pos, endpos) || !text_arg(vm, p, string, text)) return nullptr;
  clamp(std::int64_t(text->size()), pos, endpos);
  ReCall call(vm);
  Ref list = vm.rt.make_list();
  const int groups = p->prog.groups - 1;
  bool must_advance = false;
  while (pos <= endpos) {
    regex::MatchSpans m;
    bool matched;
    if (!call.run(p, *text, pos, endpos, regex::Mode::Search, must_advance, m, matched)) return nullptr;
    if (!matched) break;
    ++call.items;
    auto grp = [&](int g) {
      std::int64_t s = m.spans[size_t(2 * g)], e = m.spans[size_t(2 * g + 1)];
      return s < 0 || e < 0 ? re_text(vm, p->bytes, {}) : slice_text(vm, p, *text, s, std::max(s, e));
    };
    if (groups == 0) list.as<ListObj>()->items.push_back(grp(0));
    else if (groups == 1) list.as<ListObj>()->items.push_back(grp(1));
    else {
      std::vector<Ref> t;
      for (int g = 1; g <= groups; ++g) t.push_back(grp(g));
      list.as<ListObj>()->items.push_back(vm.rt.make_tuple(std::move(t)));
    }
    must_advance = m.spans[1] == m.spans[0];
    pos = m.spans[1];
  }
  return list;
}

// finditer: a lazy iterator (CPython: callable_iterator over scanner.search)
Ref finditer_next(VM& vm, IterObj* it) {
  RePatternObj* p = as_re_pattern(it->a);
  if (it->i > it->n || it->i < 0) return nullptr;
  auto* holder = static_cast<ReMatchObj*>(it->c.get());  // keeps the code points
  std::shared_ptr<const std::u32string> text = holder->text;
  ReCall call(vm);
  regex::MatchSpans m;
  bool matched;
  if (!call.run(p, *text, it->i, it->n, regex::Mode::Search, it->step != 0, m, matched)) return nullptr;
  if (!matched) { it->i = -1; return nullptr; }
  ++call.items;
  it->step = m.spans[1] == m.spans[0];
  it->i = m.spans[1];
  return re_make_match(vm, it->a, it->b, text, std::move(m), holder->pos, it->n);
}
Ref p_finditer(VM& vm, Args& a) {
  RePatternObj* p = self_of(vm, a);
  if (!p) return nullptr;
  Ref string;
  std::int64_t pos, endpos;
  std::shared_ptr<const std::u32string> text;
  if (!pos_args(vm, a, string, pos, endpos) || !text_arg(vm, p, string, text)) return nullptr;
  clamp(std::int64_t(text->size()), pos, endpos);
  Ref it = make<IterObj>(vm.rt.iterator_t, finditer_next);
  IterObj* io = it.as<IterObj>();
  io->type_name = "callable_iterator";
  io->a = a.v[0];
  io->b = string;
  regex::MatchSpans none;
  io->c = re_make_match(vm, a.v[0], string, text, std::move(none), pos, endpos);  // text holder
  io->i = pos;
  io->n = endpos;
  io->step = 0;
  return it;
}

Ref do_sub(VM& vm, Args& a, bool with_count) {
  RePatternObj* p = self_of(vm, a);
  if (!p) return nullptr;
  Ref repl = a.n > 1 ? a.v[1] : a.kw("repl");
  Ref string = a.n > 2 ? a.v[2] : a.kw("string");
  Ref cnt = a.n > 3 ? a.v[3] : a.kw("count");
  if (!repl || !string) return vm.raise(vm.rt.TypeError, "sub() missing required argument");
  std::int64_t count = 0;
  if (cnt && !vm.index_value(cnt, count)) return nullptr;
  std::shared_ptr<const std::u32string> text;
  if (!text_arg(vm, p, string, text)) return nullptr;
  // a bytes pattern works on the subject's code points (its bytes) and a
  // template decoded the same way; the result is encoded back at the end
  const bool repl_bytes = repl->tag == Tag::Bytes || is_bytearray(repl.get());
  std::string tmpl;
  if (repl->tag == Tag::Str) tmpl = repl.as<StrObj>()->s;
  else if (repl_bytes) tmpl = pylib::utf8_encode(latin1_decode(repl->tag == Tag::Bytes ? repl.as<BytesObj>()->s : bytearray_data(repl.get())));
  bool callable = repl->tag != Tag::Str && !repl_bytes;
  // sre joins the pieces: a piece of the other type fails the join at its index
  std::int64_t pieces = 0;
  auto wrong_piece = [&](const Ref& r) {
    return vm.raise(vm.rt.TypeError, "sequence item " + std::to_string(pieces) + ": " +
                                         (p->bytes ? "expected a bytes-like object, " : "expected str instance, ") + vm.type_name(r) + " found");
  };
  bool literal = !callable && tmpl.find('\\') == std::string::npos;
  ReCall call(vm);
  std::string out;
  std::int64_t pos = 0, endpos = std::int64_t(text->size()), last = 0, n = 0;
  bool must_advance = false;
  while ((count == 0 || n < count) && pos <= endpos) {
    regex::MatchSpans m;
    bool matched;
    if (!call.run(p, *text, pos, endpos, regex::Mode::Search, must_advance, m, matched)) return nullptr;
    if (!matched) break;
    ++call.items;
    ++n;
    std::int64_t s = m.spans[0], e = m.spans[1];
    out += slice8(*text, last, s);
    if (s > last) ++pieces;
    if (!callable && repl_bytes != p->bytes) return wrong_piece(repl);
    if (literal) {
      out += tmpl;
    } else {
      Ref mo = re_make_match(vm, a.v[0], string, text, std::move(m), 0, endpos);
      if (callable) {
        Ref r = vm.call1(repl, mo);
        if (!r) return nullptr;
        if (r.get() == vm.rt.None.get()) {
          --pieces;  // sre leaves None out of the pieces
        } else if (p->bytes) {
          if (r->tag != Tag::Bytes && !is_bytearray(r.get())) return wrong_piece(r);
          out += pylib::utf8_encode(latin1_decode(r->tag == Tag::Bytes ? r.as<BytesObj>()->s : bytearray_data(r.get())));
        } else {
          if (r->tag != Tag::Str) return wrong_piece(r);
          out += r.as<StrObj>()->s;
        }
      } else if (!re_expand(vm, as_re_match(mo), tmpl, out)) {
        return nullptr;
      }
    }
    ++pieces;
    last = e;
    must_advance = s == e;
    pos = e;
  }
  out += slice8(*text, last, endpos);
  Ref res = n == 0 ? string : p->bytes ? re_text(vm, true, pylib::utf8_decode(out)) : vm.rt.make_str(std::move(out));
  if (with_count) return vm.rt.make_tuple({res, vm.rt.make_int(n)});
  return res;
}
Ref p_sub(VM& vm, Args& a) { return do_sub(vm, a, false); }
Ref p_subn(VM& vm, Args& a) { return do_sub(vm, a, true); }

Ref p_split(VM& vm, Args& a) {
  RePatternObj* p = self_of(vm, a);
  if (!p) return nullptr;
  Ref string = a.n > 1 ? a.v[1] : a.kw("string");
  Ref ms = a.n > 2 ? a.v[2] : a.kw("maxsplit");
  if (!string) return vm.raise(vm.rt.TypeError, "split() missing required argument 'string' (pos 1)");
  std::int64_t maxsplit = 0;
  if (ms && !vm.index_value(ms, maxsplit)) return nullptr;
  std::shared_ptr<const std::u32string> text;
  if (!text_arg(vm, p, string, text)) return nullptr;
  ReCall call(vm);
  Ref list = vm.rt.make_list();
  auto& items = list.as<ListObj>()->items;
  std::int64_t pos = 0, endpos = std::int64_t(text->size()), last = 0, n = 0;
  bool must_advance = false;
  while ((maxsplit == 0 || n < maxsplit) && pos <= endpos) {
    regex::MatchSpans m;
    bool matched;
    if (!call.run(p, *text, pos, endpos, regex::Mode::Search, must_advance, m, matched)) return nullptr;
    if (!matched) break;
    ++call.items;
    ++n;
    items.push_back(slice_text(vm, p, *text, last, m.spans[0]));
    for (int g = 1; g < p->prog.groups; ++g) {
      std::int64_t s = m.spans[size_t(2 * g)], e = m.spans[size_t(2 * g + 1)];
      items.push_back(s < 0 || e < 0 ? vm.rt.None : slice_text(vm, p, *text, s, std::max(s, e)));
    }
    last = m.spans[1];
    must_advance = m.spans[1] == m.spans[0];
    pos = m.spans[1];
  }
  items.push_back(slice_text(vm, p, *text, last, endpos));
  return list;
}

// ---- attributes and repr ----
Ref p_pattern(VM& vm, Args& a) { RePatternObj* p = self_of(vm, a); return p ? p->pattern : nullptr; }
Ref p_flags(VM& vm, Args& a) {
  RePatternObj* p = self_of(vm, a);
  return p ? vm.rt.make_int(p->prog.flags & ~(p->ascii_added ? int(regex::F_ASCII) : 0)) : nullptr;
}
Ref p_groups(VM& vm, Args& a) { RePatternObj* p = self_of(vm, a); return p ? vm.rt.make_int(p->prog.groups - 1) : nullptr; }
Ref p_groupindex(VM& vm, Args& a) {
  RePatternObj* p = self_of(vm, a);
  if (!p) return nullptr;
  Ref d = vm.rt.make_dict();
  for (auto& [name, idx] : p->prog.groupdict) vm.dict_set(d.as<DictObj>(), vm.rt.make_str(name), vm.rt.make_int(idx));
  return d;
}
Ref p_repr(VM& vm, Args& a) {
  RePatternObj* p = self_of(vm, a);
  if (!p) return nullptr;
  // pattern_repr (Modules/_sre/sre.c): "re.compile(%.200R, flags)"
  std::string r;
  if (p->bytes) {
    if (!vm.repr_to(p->pattern, r)) return nullptr;
  } else {
    r = pylib::str_repr(p->pattern.as<StrObj>()->s);
  }
  std::u32string cps = pylib::utf8_decode(r);
  if (cps.size() > 200) r = pylib::utf8_encode(cps.substr(0, 200));
  int flags = p->prog.flags & ~(p->ascii_added ? int(regex::F_ASCII) : 0);
  if ((flags & (regex::F_LOCALE | regex::F_UNICODE | regex::F_ASCII)) == regex::F_UNICODE) flags &= ~regex::F_UNICODE;
  static const std::pair<int, const char*> names[] = {
      {regex::F_TEMPLATE, "re.TEMPLATE"}, {regex::F_IGNORECASE, "re.IGNORECASE"}, {regex::F_LOCALE, "re.LOCALE"},
      {regex::F_MULTILINE, "re.MULTILINE"}, {regex::F_DOTALL, "re.DOTALL"}, {regex::F_UNICODE, "re.UNICODE"},
      {regex::F_VERBOSE, "re.VERBOSE"}, {regex::F_DEBUG, "re.DEBUG"}, {regex::F_ASCII, "re.ASCII"},
  };
  std::string fl;
  for (auto& [bit, name] : names)
    if (flags & bit) {
      if (!fl.empty()) fl += '|';
      fl += name;
      flags &= ~bit;
    }
  if (flags) {
    static const char* hx = "0123456789abcdef";
    std::string h;
    for (unsigned v = unsigned(flags); v; v >>= 4) h.insert(h.begin(), hx[v & 15]);
    if (!fl.empty()) fl += '|';
    fl += "0x" + h;
  }
  return vm.rt.make_str("re.compile(" + r + (fl.empty() ? "" : ", " + fl) + ")");
}

}  // namespace

Ref re_text(VM& vm, bool bytes, std::u32string_view s) {
  if (!bytes) return vm.rt.make_str(pylib::utf8_encode(s));
  std::string b;
  b.reserve(s.size());
  for (char32_t c : s) b += char(static_cast<unsigned char>(c & 0xff));
  return make<BytesObj>(vm.rt.bytes_t, std::move(b));
}

bool re_is_bytes(const Ref& pattern) {
  const RePatternObj* p = as_re_pattern(pattern);
  return p && p->bytes;
}

namespace {

// _pitfall_re.compile(pattern, flags) -> Pattern, or (msg, pos) for re.error
Ref re_compile(VM& vm, Args& a) {
  if (a.n < 2) return vm.raise(vm.rt.TypeError, "compile() takes 2 arguments");
  Ref pat = a.v[0];
  const bool bytes = pat->tag == Tag::Bytes;
  if (pat->tag != Tag::Str && !bytes) return vm.raise(vm.rt.TypeError, "first argument must be string or compiled pattern");
  std::int64_t flags;
  if (!vm.index_value(a.v[1], flags)) return nullptr;
  bool ascii_added = false;
  if (bytes) {
    if (flags & regex::F_UNICODE) return vm.raise(vm.rt.ValueError, "cannot use UNICODE flag with a bytes pattern");
    if ((flags & regex::F_LOCALE) == 0 && (flags & regex::F_ASCII) == 0) {
      flags |= regex::F_ASCII;
      ascii_added = true;
    }
  }
  std::u32string cps = bytes ? latin1_decode(pat.as<BytesObj>()->s) : pylib::utf8_decode(pat.as<StrObj>()->s);
  charge_user_line(vm, vm.builtin_ns("builtin.re.compile", double(cps.size())));
  Ref t = vm.dict_get_str(vm.builtins.as<DictObj>(), vm.rt.intern("__pitfall_re_pattern_t").as<StrObj>());
  Ref r = make<RePatternObj>(t.as<ClassObj>());
  auto* po = r.as<RePatternObj>();
  regex::Error err;
  if (!regex::compile(cps, int(flags), po->prog, err)) {
    switch (err.kind) {
      case regex::Error::Overflow: return vm.raise(vm.rt.OverflowError, err.msg);
      case regex::Error::Value: return vm.raise(vm.rt.ValueError, err.msg);
      case regex::Error::Recursion: return vm.raise(vm.rt.RecursionError, err.msg);
      case regex::Error::Re: break;
    }
    return vm.rt.make_tuple({vm.rt.make_str(err.msg), err.pos >= 0 ? vm.rt.make_int(err.pos) : vm.rt.None});
  }
  po->pattern = pat;
  po->bytes = bytes;
  po->ascii_added = ascii_added;
  return r;
}
// re.escape's translation (Lib/re/__init__.py _special_chars_map), charged as
// one pass over the text (builtin.str.replace per character, the nearest measured pass)
Ref re_escape(VM& vm, Args& a) {
  if (a.n < 1 || a.v[0]->tag != Tag::Str) return vm.raise(vm.rt.TypeError, "escape() argument must be str");
  const std::string& s = a.v[0].as<StrObj>()->s;
  std::string out;
  out.reserve(s.size() + 8);
  static const char* special = "()[]{}?*+-|^$\\.&~# \t\n\r\v\f";
  for (char c : s) {
    if (c && std::strchr(special, c)) out += '\\';
    out += c;
  }
  charge_user_line(vm, vm.builtin_ns("builtin.str.replace", double(s.size())));
  return vm.rt.make_str(std::move(out));
}
Ref re_counters(VM& vm, Args&) {
  return vm.rt.make_tuple({vm.rt.make_int(std::int64_t(g_total_steps)), vm.rt.make_int(std::int64_t(g_total_scanned)),
                          vm.rt.make_int(std::int64_t(g_total_items)), vm.rt.make_int(std::int64_t(g_total_attempts))});
}

ClassObj* re_type(VM& vm, const char* hidden, const char* name) {
  DictObj* bd = vm.builtins.as<DictObj>();
  Ref t = vm.dict_get_str(bd, vm.rt.intern(hidden).as<StrObj>());
  if (t) return t.as<ClassObj>();
  ClassObj* c = vm.rt.new_builtin_type(name, vm.rt.object_t, Tag::Other);
  c->module = "re";
  vm.dict_set(bd, vm.rt.intern(hidden), Ref(c));
  return c;
}

}  // namespace

Ref create_re_native_module(VM& vm, const Ref& m) {
  ClassObj* pt = re_type(vm, "__pitfall_re_pattern_t", "Pattern");
  ClassObj* mt = re_type(vm, "__pitfall_re_match_t", "Match");
  if (!vm.dict_get_str(pt->dict.as<DictObj>(), vm.rt.intern("search").as<StrObj>())) {
    struct { const char* n; BuiltinFn f; } ms[] = {
        {"match", p_match}, {"search", p_search}, {"fullmatch", p_fullmatch}, {"findall", p_findall},
        {"finditer", p_finditer}, {"sub", p_sub}, {"subn", p_subn}, {"split", p_split}, {"__repr__", p_repr},
    };
    for (auto& x : ms) vm.add_method(pt, x.n, x.f);
    struct { const char* n; BuiltinFn f; } ps[] = {
        {"pattern", p_pattern}, {"flags", p_flags}, {"groups", p_groups}, {"groupindex", p_groupindex},
    };
    for (auto& x : ps) {
      Ref pr = make<PropertyObj>(vm.rt.property_t);
      pr.as<PropertyObj>()->fget = vm.make_builtin(x.n, x.f);
      vm.dict_set(pt->dict.as<DictObj>(), vm.rt.intern(x.n), pr);
    }
    init_re_match_type(vm, mt);
  }
  DictObj* d = m.as<ModuleObj>()->dict.as<DictObj>();
  vm.dict_set(d, vm.rt.intern("compile"), vm.make_builtin("compile", re_compile));
  vm.dict_set(d, vm.rt.intern("escape"), vm.make_builtin("escape", re_escape));
  vm.dict_set(d, vm.rt.intern("_counters"), vm.make_builtin("_counters", re_counters));
  vm.dict_set(d, vm.rt.intern("Pattern"), Ref(pt));
  vm.dict_set(d, vm.rt.intern("Match"), Ref(mt));
  vm.dict_set(d, vm.rt.intern("MAXREPEAT"), vm.rt.make_int(std::int64_t(regex::kMaxRepeat)));
  return m;
}

}  // namespace pitfall::sim
