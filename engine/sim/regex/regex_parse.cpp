// Pattern parser: a port of CPython 3.11's Lib/re/_parser.py (Tokenizer,
// _parse_sub, _parse, _escape, _class_escape, _parse_flags) for str
// patterns, with its error messages and positions. Nesting is bounded
// (kMaxDepth) so a deeply nested pattern ends in RecursionError as CPython's
// recursive parser does, never in a native stack overflow.
// Left out: \N{name} escapes (need the Unicode name table; reported as an
// error naming them) and the FutureWarnings about possible nested sets.
#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

#include "sim/pylib/unicode.h"
#include "sim/regex/regex_ast.h"

namespace pitfall::sim::regex {
namespace {

constexpr int kMaxDepth = 990;  // _parse/_parse_sub frames (`nested`) under the default recursion limit of 1000

struct Tok {
  bool has = false;
  char32_t c = 0, c2 = 0;  // c2: the escaped char when c == '\\'
  int len = 0;
  bool is(char32_t x) const { return has && len == 1 && c == x; }
};

bool in(const char* s, char32_t c) {
  for (; *s; ++s) if (char32_t(static_cast<unsigned char>(*s)) == c) return true;
  return false;
}
bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool is_oct(char32_t c) { return c >= '0' && c <= '7'; }
bool is_hex(char32_t c) { return is_digit(c) || ((c | 32) >= 'a' && (c | 32) <= 'f'); }
bool is_ascii_letter(char32_t c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }

Node node_of(Op op) {
  Node n;
  n.op = op;
  return n;
}
Node lit(char32_t c) {
  Node n;
  n.ch = c;
  return n;
}

std::string utf8(const std::u32string& s) { return pylib::utf8_encode(s); }
std::string tok_text(const Tok& t) {
  std::u32string s(1, t.c);
  if (t.len == 2) s += t.c2;
  return utf8(s);
}
// repr() of a str as Python prints it for %r (quotes chosen as repr does)
std::string py_repr(const std::string& s) {
  bool sq = s.find('\'') != std::string::npos, dq = s.find('"') != std::string::npos;
  char q = sq && !dq ? '"' : '\'';
  std::string out(1, q);
  for (unsigned char ch : s) {
    if (ch == '\\') out += "\\\\";
    else if (ch == static_cast<unsigned char>(q)) { out += '\\'; out += char(ch); }
    else if (ch == '\n') out += "\\n";
    else if (ch == '\t') out += "\\t";
    else if (ch == '\r') out += "\\r";
    else if (ch < 0x20 || ch == 0x7f) {
      static const char* hx = "0123456789abcdef";
      out += "\\x"; out += hx[ch >> 4]; out += hx[ch & 15];
    } else out += char(ch);
  }
  return out + q;
}

struct Parser {
  const std::u32string& str;
  Parsed& P;
  Error& err;
  std::int64_t index = 0;
  Tok next;
  bool failed = false;
  int lookbehindgroups = -1;  // -1: None
  std::map<int, std::int64_t> grouprefpos;
  std::vector<bool> group_closed;  // groupwidths[g] is not None

  Parser(const std::u32string& s, Parsed& p, Error& e) : str(s), P(p), err(e) { advance(); }

  bool fail(const std::string& msg, std::int64_t offset = 0) {
    if (!failed) { err.msg = msg; err.pos = tell() - offset; err.kind = Error::Re; }
    failed = true;
    return false;
  }
  bool fail_kind(Error::Kind k, const std::string& msg) {
    if (!failed) { err.msg = msg; err.pos = -1; err.kind = k; }
    failed = true;
    return false;
  }
  void advance() {
    std::int64_t i = index;
    if (i >= std::int64_t(str.size())) { next = Tok{}; return; }
    Tok t;
    t.has = true;
    t.c = str[size_t(i)];
    t.len = 1;
    if (t.c == '\\') {
      ++i;
      if (i >= std::int64_t(str.size())) {
        if (!failed) { err.msg = "bad escape (end of pattern)"; err.pos = std::int64_t(str.size()) - 1; err.kind = Error::Re; }
        failed = true;
        next = Tok{};
        index = std::int64_t(str.size());
        return;
      }
      t.c2 = str[size_t(i)];
      t.len = 2;
    }
    index = i + 1;
    next = t;
  }
  bool match(char32_t c) {
    if (next.is(c)) { advance(); return true; }
    return false;
  }
  Tok get() { Tok t = next; advance(); return t; }
  std::int64_t tell() const { return index - next.len; }
  void seek(std::int64_t i) { index = i; advance(); }
  // getwhile over single-character tokens
  std::u32string getwhile(int n, bool (*pred)(char32_t)) {
    std::u32string r;
    for (int k = 0; k < n; ++k) {
      if (!next.has || next.len != 1 || !pred(next.c)) break;
      r += next.c;
      advance();
    }
    return r;
  }
  // getuntil: the name before `term`; nullopt on error
  std::optional<std::u32string> getuntil(char32_t term, const char* name) {
    std::u32string r;
    for (;;) {
      Tok c = next;
      advance();
      if (!c.has) {
        if (r.empty()) { fail(std::string("missing ") + name); return std::nullopt; }
        fail("missing " + utf8(std::u32string(1, term)) + ", unterminated name", std::int64_t(r.size()));
        return std::nullopt;
      }
      if (c.len == 1 && c.c == term) {
        if (r.empty()) { fail(std::string("missing ") + name, 1); return std::nullopt; }
        break;
      }
      r += c.c;
      if (c.len == 2) r += c.c2;
    }
    return r;
  }
  bool checkgroupname(const std::u32string& name, std::int64_t offset) {
    if (!pylib::str_isidentifier(utf8(name)))
      return fail("bad character in group name " + py_repr(utf8(name)), std::int64_t(name.size()) + offset);
    return true;
  }
  bool checkgroup(int gid) const { return gid < P.groups && size_t(gid) < group_closed.size() && group_closed[size_t(gid)]; }
  bool checklookbehindgroup(int gid) {
    if (lookbehindgroups >= 0) {
      if (!checkgroup(gid)) return fail("cannot refer to an open group");
      if (gid >= lookbehindgroups) return fail("cannot refer to group defined in the same lookbehind subpattern");
    }
    return true;
  }
  int opengroup(const std::string* name) {
    int gid = P.groups;
    P.groups = gid + 1;
    group_closed.resize(size_t(P.groups), false);
    P.groupwidths.resize(size_t(P.groups), {0, 0});
    if (name) {
      for (auto& [n, g] : P.groupdict)
        if (n == *name) {
          err.msg = "redefinition of group name " + py_repr(*name) + " as group " + std::to_string(gid) + "; was group " + std::to_string(g);
          return -1;
        }
      P.groupdict.emplace_back(*name, gid);
    }
    return gid;
  }
  void closegroup(int gid, const Seq& p) {
    P.groupwidths[size_t(gid)] = width_of(p, P);
    group_closed[size_t(gid)] = true;
  }

  // ---- escapes ----
  // A single escape as a node (Literal, In with one category, or At).
  bool hex_escape(Tok t, std::u32string& esc, Node& out) {
    char32_t c = t.c2;
    int want = c == 'x' ? 2 : c == 'u' ? 4 : 8;
    esc += getwhile(want, is_hex);
    if (int(esc.size()) != want + 2) return fail("incomplete escape " + utf8(esc), std::int64_t(esc.size()));
    std::uint64_t v = 0;
    for (size_t i = 2; i < esc.size(); ++i) v = v * 16 + (is_digit(esc[i]) ? esc[i] - '0' : (esc[i] | 32) - 'a' + 10);
    if (v > 0x10FFFF) return fail("bad escape " + utf8(esc), std::int64_t(esc.size()));  // chr() raises ValueError
    out.op = Op::Literal;
    out.ch = char32_t(v);
    return true;
  }
  bool category(char32_t c, Node& out, bool in_class) {
    Category cat;
    switch (c) {
      case 'd': cat = Category::Digit; break;
      case 'D': cat = Category::NotDigit; break;
      case 's': cat = Category::Space; break;
      case 'S': cat = Category::NotSpace; break;
      case 'w': cat = Category::Word; break;
      case 'W': cat = Category::NotWord; break;
      default:
        if (in_class) return false;
        out.op = Op::At;
        if (c == 'A') out.at = At::BeginningString;
        else if (c == 'Z') out.at = At::EndString;
        else if (c == 'b') out.at = At::Boundary;
        else if (c == 'B') out.at = At::NonBoundary;
        else return false;
        return true;
    }
    out.op = Op::In;
    SetItem it;
    it.kind = SetItem::Cat;
    it.cat = cat;
    out.set = {it};
    return true;
  }
  static bool simple_escape(char32_t c, char32_t& v) {
    switch (c) {
      case 'a': v = 7; return true;
      case 'b': v = 8; return true;
      case 'f': v = 12; return true;
      case 'n': v = 10; return true;
      case 'r': v = 13; return true;
      case 't': v = 9; return true;
      case 'v': v = 11; return true;
      case '\\': v = '\\'; return true;
      default: return false;
    }
  }
  bool class_escape(Tok t, Node& out) {
    char32_t v;
    if (simple_escape(t.c2, v)) { out.op = Op::Literal; out.ch = v; return true; }
    if (category(t.c2, out, true)) return true;
    std::u32string esc = {t.c, t.c2};
    char32_t c = t.c2;
    if (c == 'x' || c == 'u' || c == 'U') return hex_escape(t, esc, out);
    if (c == 'N') return fail("\\N{...} escapes are not modelled", 2);
    if (is_oct(c)) {
      esc += getwhile(2, is_oct);
      std::uint32_t n = 0;
      for (size_t i = 1; i < esc.size(); ++i) n = n * 8 + (esc[i] - '0');
      if (n > 0377) return fail("octal escape value " + utf8(esc) + " outside of range 0-0o377", std::int64_t(esc.size()));
      out.op = Op::Literal;
      out.ch = n;
      return true;
    }
    if (is_digit(c) || is_ascii_letter(c)) return fail("bad escape " + utf8(esc), std::int64_t(esc.size()));
    out.op = Op::Literal;
    out.ch = c;
    return true;
  }
  bool escape(Tok t, Node& out) {
    if (category(t.c2, out, false)) return true;
    char32_t v;
    if (simple_escape(t.c2, v)) { out.op = Op::Literal; out.ch = v; return true; }
    std::u32string esc = {t.c, t.c2};
    char32_t c = t.c2;
    if (c == 'x' || c == 'u' || c == 'U') return hex_escape(t, esc, out);
    if (c == 'N') return fail("\\N{...} escapes are not modelled", 2);
    if (c == '0') {
      esc += getwhile(2, is_oct);
      std::uint32_t n = 0;
      for (size_t i = 1; i < esc.size(); ++i) n = n * 8 + (esc[i] - '0');
      out.op = Op::Literal;
      out.ch = n;
      return true;
    }
    if (is_digit(c)) {
      if (next.has && next.len == 1 && is_digit(next.c)) {
        esc += get().c;
        if (is_oct(esc[1]) && is_oct(esc[2]) && next.has && next.len == 1 && is_oct(next.c)) {
          esc += get().c;
          std::uint32_t n = 0;
          for (size_t i = 1; i < esc.size(); ++i) n = n * 8 + (esc[i] - '0');
          if (n > 0377) return fail("octal escape value " + utf8(esc) + " outside of range 0-0o377", std::int64_t(esc.size()));
          out.op = Op::Literal;
          out.ch = n;
          return true;
        }
      }
      int group = 0;
      for (size_t i = 1; i < esc.size(); ++i) group = group * 10 + int(esc[i] - '0');
      if (group < P.groups) {
        if (!checkgroup(group)) return fail("cannot refer to an open group", std::int64_t(esc.size()));
        if (!checklookbehindgroup(group)) return false;
        out.op = Op::GroupRef;
        out.group = group;
        return true;
      }
      return fail("invalid group reference " + std::to_string(group), std::int64_t(esc.size()) - 1);
    }
    if (is_ascii_letter(c)) return fail("bad escape " + utf8(esc), std::int64_t(esc.size()));
    out.op = Op::Literal;
    out.ch = c;
    return true;
  }

  // ---- structure ----
  bool parse_sub(Seq& out, bool verbose, int nested) {
    if (nested > kMaxDepth) return fail_kind(Error::Recursion, "maximum recursion depth exceeded");
    std::vector<Seq> items;
    for (;;) {
      items.emplace_back();
      if (!parse(items.back(), verbose, nested + 1, nested == 0 && items.size() == 1)) return false;
      if (!match('|')) break;
      if (nested == 0) verbose = P.flags & F_VERBOSE;
    }
    if (items.size() == 1) { out = std::move(items[0]); return true; }
    Node b;
    b.op = Op::Branch;
    b.subs = std::move(items);
    out.push_back(std::move(b));
    return true;
  }

  bool parse_flags(char32_t ch, int& add, int& del, bool& global) {
    auto flag_of = [](char32_t c) -> int {
      switch (c) {
        case 'i': return F_IGNORECASE;
        case 'L': return F_LOCALE;
        case 'm': return F_MULTILINE;
        case 's': return F_DOTALL;
        case 'x': return F_VERBOSE;
        case 'a': return F_ASCII;
        case 't': return F_TEMPLATE;
        case 'u': return F_UNICODE;
        default: return 0;
      }
    };
    const int type_flags = F_ASCII | F_LOCALE | F_UNICODE, global_flags = F_DEBUG | F_TEMPLATE;
    add = del = 0;
    global = false;
    Tok t;
    t.has = true; t.len = 1; t.c = ch;
    if (ch != '-') {
      for (;;) {
        int flag = flag_of(t.c);
        if (t.c == 'L') return fail("bad inline flags: cannot use 'L' flag with a str pattern");
        add |= flag;
        if ((flag & type_flags) && (add & type_flags) != flag) return fail("bad inline flags: flags 'a', 'u' and 'L' are incompatible");
        t = get();
        if (!t.has) return fail("missing -, : or )");
        if (t.len == 1 && (t.c == ')' || t.c == '-' || t.c == ':')) break;
        if (t.len != 1 || !flag_of(t.c))
          return fail(t.len == 1 && pylib::is_alpha(t.c) ? "unknown flag" : "missing -, : or )", t.len);
      }
    }
    if (t.c == ')' && t.len == 1) {
      P.flags |= add;
      global = true;
      return true;
    }
    if (add & global_flags) return fail("bad inline flags: cannot turn on global flag", 1);
    if (t.c == '-' && t.len == 1) {
      t = get();
      if (!t.has) return fail("missing flag");
      if (t.len != 1 || !flag_of(t.c)) return fail(t.len == 1 && pylib::is_alpha(t.c) ? "unknown flag" : "missing flag", t.len);
      for (;;) {
        int flag = flag_of(t.c);
        if (flag & type_flags) return fail("bad inline flags: cannot turn off flags 'a', 'u' and 'L'");
        del |= flag;
        t = get();
        if (!t.has) return fail("missing :");
        if (t.len == 1 && t.c == ':') break;
        if (t.len != 1 || !flag_of(t.c)) return fail(t.len == 1 && pylib::is_alpha(t.c) ? "unknown flag" : "missing :", t.len);
      }
    }
    if (del & global_flags) return fail("bad inline flags: cannot turn off global flag", 1);
    if (add & del) return fail("bad inline flags: flag turned on and off", 1);
    return true;
  }

  bool parse_set(Seq& sub) {
    std::int64_t here = tell() - 1;
    std::vector<SetItem> set;
    bool negate = match('^');
    for (;;) {
      Tok t = get();
      if (!t.has) return failed ? false : fail("unterminated character set", tell() - here);
      if (t.is(']') && !set.empty()) break;
      Node code1;
      if (t.len == 2) {
        if (!class_escape(t, code1)) return false;
      } else {
        code1.op = Op::Literal;
        code1.ch = t.c;
      }
      if (match('-')) {
        Tok that = get();
        if (!that.has) return failed ? false : fail("unterminated character set", tell() - here);
        if (that.is(']')) {
          if (code1.op == Op::In) set.push_back(code1.set[0]);
          else set.push_back(SetItem{SetItem::Lit, code1.ch, 0, Category::Digit});
          set.push_back(SetItem{SetItem::Lit, '-', 0, Category::Digit});
          break;
        }
        Node code2;
        if (that.len == 2) {
          if (!class_escape(that, code2)) return false;
        } else {
          code2.op = Op::Literal;
          code2.ch = that.c;
        }
        std::string msg = "bad character range " + tok_text(t) + "-" + tok_text(that);
        if (code1.op != Op::Literal || code2.op != Op::Literal || code2.ch < code1.ch)
          return fail(msg, t.len + 1 + that.len);
        set.push_back(SetItem{SetItem::Range, code1.ch, code2.ch, Category::Digit});
      } else {
        if (code1.op == Op::In) set.push_back(code1.set[0]);
        else set.push_back(SetItem{SetItem::Lit, code1.ch, 0, Category::Digit});
      }
    }
    std::vector<SetItem> uniq;
    for (auto& s : set)
      if (std::find(uniq.begin(), uniq.end(), s) == uniq.end()) uniq.push_back(s);
    Node n;
    if (uniq.size() == 1 && uniq[0].kind == SetItem::Lit) {
      n.op = negate ? Op::NotLiteral : Op::Literal;
      n.ch = uniq[0].lo;
    } else {
      n.op = Op::In;
      n.negate = negate;
      n.set = std::move(uniq);
    }
    sub.push_back(std::move(n));
    return true;
  }

  bool parse_repeat(Seq& sub, Tok t) {
    std::int64_t here = tell();
    std::uint32_t mn = 0, mx = kMaxRepeat;
    if (t.c == '?') mx = 1;
    else if (t.c == '+') mn = 1;
    else if (t.c == '{') {
      if (next.is('}')) {
        sub.push_back(lit('{'));
        return true;
      }
      std::u32string lo, hi;
      while (next.has && next.len == 1 && is_digit(next.c)) lo += get().c;
      if (match(',')) {
        while (next.has && next.len == 1 && is_digit(next.c)) hi += get().c;
      } else hi = lo;
      if (!match('}')) {
        sub.push_back(lit('{'));
        seek(here);
        return true;
      }
      auto num = [&](const std::u32string& d, std::uint32_t& v) {
        std::uint64_t x = 0;
        for (char32_t c : d) {
          x = x * 10 + (c - '0');
          if (x >= kMaxRepeat) return fail_kind(Error::Overflow, "the repetition number is too large");
        }
        v = std::uint32_t(x);
        return true;
      };
      if (!lo.empty() && !num(lo, mn)) return false;
      if (!hi.empty()) {
        if (!num(hi, mx)) return false;
        if (mx < mn) return fail("min repeat greater than max repeat", tell() - here);
      }
    }
    if (sub.empty() || sub.back().op == Op::At) return fail("nothing to repeat", tell() - here + 1);
    if (sub.back().op == Op::Repeat) return fail("multiple repeat", tell() - here + 1);
    Node item = std::move(sub.back());
    sub.pop_back();
    Node r;
    r.op = Op::Repeat;
    r.min = mn;
    r.max = mx;
    r.kind = match('?') ? RepeatKind::Lazy : match('+') ? RepeatKind::Possessive : RepeatKind::Greedy;
    if (item.op == Op::Subpattern && item.group < 0 && !item.add_flags && !item.del_flags) r.subs.push_back(std::move(item.subs[0]));
    else r.subs.push_back(Seq{std::move(item)});
    sub.push_back(std::move(r));
    return true;
  }

  bool parse_group(Seq& sub, bool& verbose, int nested, bool first) {
    std::int64_t start = tell() - 1;
    bool capture = true, atomic = false;
    std::optional<std::string> name;
    int add = 0, del = 0;
    if (match('?')) {
      Tok ch = get();
      if (!ch.has) return failed ? false : fail("unexpected end of pattern");
      if (ch.is('P')) {
        if (match('<')) {
          auto nm = getuntil('>', "group name");
          if (!nm || !checkgroupname(*nm, 1)) return false;
          name = utf8(*nm);
        } else if (match('=')) {
          auto nm = getuntil(')', "group name");
          if (!nm || !checkgroupname(*nm, 1)) return false;
          std::string n8 = utf8(*nm);
          int gid = -1;
          for (auto& [n, g] : P.groupdict) if (n == n8) gid = g;
          if (gid < 0) return fail("unknown group name " + py_repr(n8), std::int64_t(nm->size()) + 1);
          if (!checkgroup(gid)) return fail("cannot refer to an open group", std::int64_t(nm->size()) + 1);
          if (!checklookbehindgroup(gid)) return false;
          Node n;
          n.op = Op::GroupRef;
          n.group = gid;
          sub.push_back(std::move(n));
          return true;
        } else {
          Tok c = get();
          if (!c.has) return failed ? false : fail("unexpected end of pattern");
          return fail("unknown extension ?P" + tok_text(c), c.len + 2);
        }
      } else if (ch.is(':')) {
        capture = false;
      } else if (ch.is('#')) {
        for (;;) {
          if (!next.has) return failed ? false : fail("missing ), unterminated comment", tell() - start);
          if (get().is(')')) break;
        }
        return true;
      } else if (ch.is('=') || ch.is('!') || ch.is('<')) {
        bool behind = false;
        Tok c = ch;
        int saved_lb = lookbehindgroups;
        if (ch.is('<')) {
          c = get();
          if (!c.has) return failed ? false : fail("unexpected end of pattern");
          if (!c.is('=') && !c.is('!')) return fail("unknown extension ?<" + tok_text(c), c.len + 2);
          behind = true;
          if (lookbehindgroups < 0) lookbehindgroups = P.groups;
        }
        Seq p;
        if (!parse_sub(p, verbose, nested + 1)) return false;
        if (behind && saved_lb < 0) lookbehindgroups = -1;
        if (!match(')')) return fail("missing ), unterminated subpattern", tell() - start);
        Node n;
        n.op = Op::Assert;
        n.behind = behind;
        n.negate = c.is('!');
        n.subs.push_back(std::move(p));
        sub.push_back(std::move(n));
        return true;
      } else if (ch.is('(')) {
        auto cn = getuntil(')', "group name");
        if (!cn) return false;
        int cond = -1;
        std::string c8 = utf8(*cn);
        if (pylib::str_isidentifier(c8)) {
          for (auto& [n, g] : P.groupdict) if (n == c8) cond = g;
          if (cond < 0) return fail("unknown group name " + py_repr(c8), std::int64_t(cn->size()) + 1);
        } else {
          std::uint64_t v = 0;
          bool ok = !cn->empty();
          for (char32_t d : *cn) {
            int dv = pylib::decimal_value(d);
            if (dv < 0) { ok = false; break; }
            v = std::min<std::uint64_t>(v * 10 + std::uint64_t(dv), std::uint64_t(1) << 40);
          }
          if (!ok) return fail("bad character in group name " + py_repr(c8), std::int64_t(cn->size()) + 1);
          if (v == 0) return fail("bad group number", std::int64_t(cn->size()) + 1);
          if (v >= std::uint64_t(kMaxGroups)) return fail("invalid group reference " + std::to_string(v), std::int64_t(cn->size()) + 1);
          cond = int(v);
          if (!grouprefpos.count(cond)) grouprefpos[cond] = tell() - std::int64_t(cn->size()) - 1;
        }
        if (!checklookbehindgroup(cond)) return false;
        Node n;
        n.op = Op::GroupRefExists;
        n.group = cond;
        n.subs.emplace_back();
        if (!parse(n.subs[0], verbose, nested + 1, false)) return false;
        if (match('|')) {
          n.subs.emplace_back();
          if (!parse(n.subs[1], verbose, nested + 1, false)) return false;
          if (next.is('|')) return fail("conditional backref with more than two branches");
        }
        if (!match(')')) return fail("missing ), unterminated subpattern", tell() - start);
        sub.push_back(std::move(n));
        return true;
      } else if (ch.is('>')) {
        capture = false;
        atomic = true;
      } else if (ch.len == 1 && (in("iLmsxatu", ch.c) || ch.c == '-')) {
        bool global;
        if (!parse_flags(ch.c, add, del, global)) return false;
        if (global) {
          if (!first || !sub.empty()) return fail("global flags not at the start of the expression", tell() - start);
          verbose = P.flags & F_VERBOSE;
          return true;
        }
        capture = false;
      } else {
        return fail("unknown extension ?" + tok_text(ch), ch.len + 1);
      }
    }
    int group = -1;
    if (capture) {
      group = opengroup(name ? &*name : nullptr);
      if (group < 0) return fail(err.msg, std::int64_t(pylib::utf8_decode(*name).size()) + 1);
    }
    bool sub_verbose = (verbose || (add & F_VERBOSE)) && !(del & F_VERBOSE);
    Seq p;
    if (!parse_sub(p, sub_verbose, nested + 1)) return false;
    if (!match(')')) return fail("missing ), unterminated subpattern", tell() - start);
    if (group >= 0) closegroup(group, p);
    Node n;
    n.op = atomic ? Op::Atomic : Op::Subpattern;
    n.group = group;
    n.add_flags = add;
    n.del_flags = del;
    n.subs.push_back(std::move(p));
    sub.push_back(std::move(n));
    return true;
  }

  bool parse(Seq& sub, bool verbose, int nested, bool first) {
    if (nested > kMaxDepth) return fail_kind(Error::Recursion, "maximum recursion depth exceeded");
    for (;;) {
      if (failed) return false;
      if (!next.has) break;
      if (next.is('|') || next.is(')')) break;
      Tok t = get();
      if (failed) return false;
      if (verbose && t.len == 1) {
        if (in(" \t\n\r\v\f", t.c)) continue;
        if (t.c == '#') {
          for (;;) {
            Tok c = get();
            if (!c.has || c.is('\n')) break;
          }
          continue;
        }
      }
      if (t.len == 2) {
        Node n;
        if (!escape(t, n)) return false;
        sub.push_back(std::move(n));
      } else if (!in(".\\[{()*+?^$|", t.c)) {
        sub.push_back(lit(t.c));
      } else if (t.c == '[') {
        if (!parse_set(sub)) return false;
      } else if (in("*+?{", t.c)) {
        if (!parse_repeat(sub, t)) return false;
      } else if (t.c == '.') {
        sub.push_back(node_of(Op::Any));
      } else if (t.c == '(') {
        if (!parse_group(sub, verbose, nested, first)) return false;
      } else if (t.c == '^') {
        Node n;
        n.op = Op::At;
        n.at = At::Beginning;
        sub.push_back(n);
      } else if (t.c == '$') {
        Node n;
        n.op = Op::At;
        n.at = At::End;
        sub.push_back(n);
      }
    }
    // unpack non-capturing groups without flags
    Seq flat;
    flat.reserve(sub.size());
    for (auto& n : sub) {
      if (n.op == Op::Subpattern && n.group < 0 && !n.add_flags && !n.del_flags)
        for (auto& m : n.subs[0]) flat.push_back(std::move(m));
      else flat.push_back(std::move(n));
    }
    sub = std::move(flat);
    return !failed;
  }
};

std::uint64_t sat_add(std::uint64_t a, std::uint64_t b) { return a > kMaxWidth - b ? kMaxWidth : a + b; }
std::uint64_t sat_mul(std::uint64_t a, std::uint64_t b) { return a && b > kMaxWidth / a ? kMaxWidth : a * b; }

}  // namespace

std::pair<std::uint64_t, std::uint64_t> width_of(const Seq& seq, const Parsed& p) {
  std::uint64_t lo = 0, hi = 0;
  for (const Node& n : seq) {
    std::uint64_t i = 0, j = 0;
    switch (n.op) {
      case Op::Branch: {
        i = kMaxWidth;
        for (auto& s : n.subs) {
          auto [l, h] = width_of(s, p);
          i = std::min(i, l);
          j = std::max(j, h);
        }
        break;
      }
      case Op::Atomic:
      case Op::Subpattern: std::tie(i, j) = width_of(n.subs[0], p); break;
      case Op::Repeat: {
        auto [l, h] = width_of(n.subs[0], p);
        i = sat_mul(l, n.min);
        j = n.max == kMaxRepeat && h ? kMaxWidth : sat_mul(h, n.max);
        break;
      }
      case Op::Literal: case Op::NotLiteral: case Op::Any: case Op::In: i = j = 1; break;
      case Op::GroupRef:
        if (size_t(n.group) < p.groupwidths.size()) std::tie(i, j) = p.groupwidths[size_t(n.group)];
        break;
      case Op::GroupRefExists: {
        std::tie(i, j) = width_of(n.subs[0], p);
        if (n.subs.size() > 1) {
          auto [l, h] = width_of(n.subs[1], p);
          i = std::min(i, l);
          j = std::max(j, h);
        } else i = 0;
        break;
      }
      default: break;
    }
    lo = sat_add(lo, i);
    hi = sat_add(hi, j);
  }
  return {lo, hi};
}

bool parse(const std::u32string& pattern, int flags, Parsed& out, Error& err) {
  out = Parsed{};
  out.flags = flags;
  out.groupwidths.assign(1, {0, 0});
  Parser ps(pattern, out, err);
  ps.group_closed.assign(1, false);
  if (ps.failed) return false;
  Seq seq;
  if (!ps.parse_sub(seq, flags & F_VERBOSE, 0)) return false;
  // fix_flags for a str pattern
  if (out.flags & F_LOCALE) return ps.fail_kind(Error::Value, "cannot use LOCALE flag with a str pattern");
  if (!(out.flags & F_ASCII)) out.flags |= F_UNICODE;
  else if (out.flags & F_UNICODE) return ps.fail_kind(Error::Value, "ASCII and UNICODE flags are incompatible");
  if (ps.next.has) return ps.fail("unbalanced parenthesis");
  for (auto& [g, pos] : ps.grouprefpos)
    if (g >= out.groups) {
      err.msg = "invalid group reference " + std::to_string(g);
      err.pos = pos;
      err.kind = Error::Re;
      return false;
    }
  out.seq = std::move(seq);
  return true;
}

}  // namespace pitfall::sim::regex
