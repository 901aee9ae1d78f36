// Parsed pattern -> matcher program (Lib/re/_compiler.py's _compile, with
// each node's flags resolved where it sits). Recursion here follows the
// parsed tree, whose depth the parser bounds.
#include <algorithm>

#include "sim/pylib/unicode.h"
#include "sim/pylib/unicode_tables.h"
#include "sim/regex/regex_program.h"

namespace pitfall::sim::regex {
namespace {

char32_t map_first(const pylib::tables::CaseMap* m, std::size_t n, char32_t c, bool single_only) {
  auto it = std::lower_bound(m, m + n, c, [](const pylib::tables::CaseMap& e, char32_t v) { return e.cp < v; });
  if (it == m + n || it->cp != c) return c;
  if (single_only && it->to[1] != 0) return c;
  return it->to[0];
}

struct Compiler {
  Program& P;
  const Parsed& parsed;
  Error& err;
  bool failed = false;

  Inst& emit(IOp op) {
    P.code.emplace_back();
    P.code.back().op = op;
    return P.code.back();
  }
  int here() const { return int(P.code.size()); }

  CharTest test_for(const Node& n, int flags) {
    CharTest t;
    bool ic = flags & F_IGNORECASE;
    switch (n.op) {
      case Op::Literal:
      case Op::NotLiteral: {
        bool lit = n.op == Op::Literal;
        bool cased = ic && (simple_lower(n.ch) != n.ch || simple_upper(n.ch) != n.ch);
        if (cased && (flags & F_ASCII) && n.ch >= 128) cased = false;
        t.kind = cased ? (lit ? CharTest::LitI : CharTest::NotLitI) : (lit ? CharTest::Lit : CharTest::NotLit);
        t.ch = cased ? simple_lower(n.ch) : n.ch;
        break;
      }
      case Op::Any: t.kind = (flags & F_DOTALL) ? CharTest::AnyAll : CharTest::AnyNl; break;
      default: {
        CharSet s;
        s.negate = n.negate;
        s.ignorecase = ic;
        s.ascii = flags & F_ASCII;
        s.items = n.set;
        t.kind = CharTest::Set;
        t.set = int(P.sets.size());
        P.sets.push_back(std::move(s));
        break;
      }
    }
    return t;
  }

  static bool is_single(const Seq& s) {
    return s.size() == 1 && (s[0].op == Op::Literal || s[0].op == Op::NotLiteral || s[0].op == Op::Any || s[0].op == Op::In);
  }

  void seq(const Seq& s, int flags) {
    for (const Node& n : s) {
      if (failed) return;
      node(n, flags);
    }
  }

  void node(const Node& n, int flags) {
    switch (n.op) {
      case Op::Literal:
      case Op::NotLiteral:
      case Op::Any:
      case Op::In: {
        CharTest t = test_for(n, flags);
        emit(IOp::Test).t = t;
        break;
      }
      case Op::At: {
        Inst& i = emit(IOp::At);
        bool ml = flags & F_MULTILINE, ascii = flags & F_ASCII;
        switch (n.at) {
          case At::Beginning: i.at = ml ? AtKind::BeginningLine : AtKind::Beginning; break;
          case At::End: i.at = ml ? AtKind::EndLine : AtKind::End; break;
          case At::BeginningString: i.at = AtKind::BeginningString; break;
          case At::EndString: i.at = AtKind::EndString; break;
          case At::Boundary: i.at = ascii ? AtKind::Boundary : AtKind::UniBoundary; break;
          case At::NonBoundary: i.at = ascii ? AtKind::NonBoundary : AtKind::UniNonBoundary; break;
        }
        break;
      }
      case Op::Branch: {
        std::vector<int> jumps;
        for (size_t k = 0; k < n.subs.size(); ++k) {
          int split = -1;
          if (k + 1 < n.subs.size()) {
            split = here();
            emit(IOp::Split).x = split + 1;
          }
          seq(n.subs[k], flags);
          if (k + 1 < n.subs.size()) {
            jumps.push_back(here());
            emit(IOp::Jmp);
            P.code[size_t(split)].y = here();
          }
        }
        for (int j : jumps) P.code[size_t(j)].x = here();
        break;
      }
      case Op::Repeat: {
        const Seq& body = n.subs[0];
        if (is_single(body)) {
          CharTest t = test_for(body[0], flags);
          Inst& i = emit(IOp::RepOne);
          i.t = t;
          i.min = n.min;
          i.max = n.max;
          i.kind = n.kind;
          i.x = here();
          break;
        }
        int atomic = -1;
        if (n.kind == RepeatKind::Possessive) {
          atomic = here();
          emit(IOp::AtomicBegin);
        }
        int reg = P.regs;
        P.regs += 2;
        emit(IOp::RepInit).x = reg;
        int loop = here();
        {
          Inst& l = emit(IOp::RepLoop);
          l.x = reg;
          l.min = n.min;
          l.max = n.max;
          l.kind = n.kind == RepeatKind::Lazy ? RepeatKind::Lazy : RepeatKind::Greedy;
        }
        emit(IOp::RepBody).x = reg;
        seq(body, flags);
        emit(IOp::Jmp).x = loop;
        P.code[size_t(loop)].y = here();
        if (atomic >= 0) {
          emit(IOp::End);
          P.code[size_t(atomic)].x = here();
        }
        break;
      }
      case Op::Subpattern: {
        int f = (flags | n.add_flags) & ~n.del_flags;
        if (n.group >= 0) emit(IOp::Save).x = 2 * n.group;
        seq(n.subs[0], f);
        if (n.group >= 0) emit(IOp::Save).x = 2 * n.group + 1;
        break;
      }
      case Op::Atomic: {
        int b = here();
        emit(IOp::AtomicBegin);
        seq(n.subs[0], flags);
        emit(IOp::End);
        P.code[size_t(b)].x = here();
        break;
      }
      case Op::Assert: {
        std::uint64_t w = 0;
        if (n.behind) {
          auto [lo, hi] = width_of(n.subs[0], parsed);
          if (lo > 0xFFFFFFFFu) { fail("looks too much behind"); return; }
          if (lo != hi) { fail("look-behind requires fixed-width pattern"); return; }
          w = lo;
        }
        int b = here();
        Inst& i = emit(IOp::LookBegin);
        i.flag = n.negate;
        i.flag2 = n.behind;
        i.min = std::uint32_t(w);
        seq(n.subs[0], flags);
        emit(IOp::End);
        P.code[size_t(b)].x = here();
        break;
      }
      case Op::GroupRef: {
        Inst& i = emit(IOp::Backref);
        i.x = n.group;
        i.flag = flags & F_IGNORECASE;
        break;
      }
      case Op::GroupRefExists: {
        int g = here();
        emit(IOp::GroupExists).x = n.group;
        seq(n.subs[0], flags);
        if (n.subs.size() > 1) {
          int j = here();
          emit(IOp::Jmp);
          P.code[size_t(g)].y = here();
          seq(n.subs[1], flags);
          P.code[size_t(j)].x = here();
        } else {
          P.code[size_t(g)].y = here();
        }
        break;
      }
    }
  }

  void fail(const std::string& m) {
    if (!failed) { err.msg = m; err.pos = -1; err.kind = Error::Re; }
    failed = true;
  }
};

// ---- the size of CPython's compiled code, for Pattern.__sizeof__ ----
// Word counts of Lib/re/_compiler.py's _compile/_compile_info/_optimize_charset
// per node (checked against sys.getsizeof on 3.11 in tests/sim/modules).
std::size_t charset_words(const std::vector<SetItem>& items, bool negate) {
  std::vector<std::pair<char32_t, char32_t>> ranges;
  std::size_t words = negate ? 1 : 0;
  bool big = false;
  for (const SetItem& it : items) {
    if (it.kind == SetItem::Cat) { words += 2; continue; }
    char32_t hi = it.kind == SetItem::Lit ? it.lo : it.hi;
    if (hi >= 256) big = true;
    ranges.emplace_back(it.lo, hi);
  }
  std::sort(ranges.begin(), ranges.end());
  std::size_t runs = 0;
  char32_t end = 0;
  bool any = false;
  std::vector<bool> single;
  for (auto [lo, hi] : ranges) {
    if (any && lo <= end + 1) { end = std::max(end, hi); single.back() = false; continue; }
    ++runs;
    single.push_back(lo == hi);
    end = hi;
    any = true;
  }
  if (runs <= 2) {
    for (bool one : single) words += one ? 2 : 3;
  } else {
    words += big ? 1 + 64 + 8 * 4 : 9;  // BIGCHARSET (an estimate) / CHARSET
  }
  return words;
}

std::size_t seq_words(const Seq& seq);
// _parse_sub turns an alternation of single characters into a set
bool branch_as_set(const Node& n, std::vector<SetItem>& set) {
  for (auto& s : n.subs) {
    if (s.size() != 1) return false;
    if (s[0].op == Op::Literal) set.push_back(SetItem{SetItem::Lit, s[0].ch, 0, Category::Digit});
    else if (s[0].op == Op::In && !s[0].negate) set.insert(set.end(), s[0].set.begin(), s[0].set.end());
    else return false;
  }
  return true;
}
std::size_t unit_words(const Node& n) {
  switch (n.op) {
    case Op::Literal: case Op::NotLiteral: return 2;
    case Op::Any: return 1;
    case Op::In: return 3 + charset_words(n.set, n.negate);
    default: return 0;
  }
}
std::size_t node_words(const Node& n) {
  switch (n.op) {
    case Op::Literal: case Op::NotLiteral: case Op::Any: case Op::In: return unit_words(n);
    case Op::At: case Op::GroupRef: return 2;
    case Op::Branch: {
      std::vector<SetItem> set;
      if (branch_as_set(n, set)) return 3 + charset_words(set, false);
      std::size_t w = 2;
      for (auto& s : n.subs) w += 3 + seq_words(s);
      return w;
    }
    case Op::Repeat: {
      const Seq& body = n.subs[0];
      bool simple = body.size() == 1 && unit_words(body[0]) > 0;
      return 5 + (simple ? unit_words(body[0]) : seq_words(body));
    }
    case Op::Subpattern: return (n.group >= 0 ? 4 : 0) + seq_words(n.subs[0]);
    case Op::Atomic: return 3 + seq_words(n.subs[0]);
    case Op::Assert: return 4 + seq_words(n.subs[0]);
    case Op::GroupRefExists: return 3 + seq_words(n.subs[0]) + (n.subs.size() > 1 ? 2 + seq_words(n.subs[1]) : 0);
  }
  return 0;
}
std::size_t seq_words(const Seq& seq) {
  std::size_t w = 0;
  for (const Node& n : seq) w += node_words(n);
  return w;
}
// _get_literal_prefix: literals at the start, through capturing groups
bool literal_prefix(const Seq& seq, std::size_t& n) {
  for (const Node& x : seq) {
    if (x.op == Op::Literal) { ++n; continue; }
    if (x.op == Op::Subpattern && !x.add_flags && !x.del_flags) {
      if (!literal_prefix(x.subs[0], n)) return false;
      continue;
    }
    return false;
  }
  return true;
}
std::size_t sre_code_words(const Parsed& p) {
  std::size_t info = 5;
  if (width_of(p.seq, p).first > 0 && !(p.flags & F_IGNORECASE)) {
    std::size_t n = 0;
    literal_prefix(p.seq, n);
    if (n) info += 2 + 2 * n;
    else if (!p.seq.empty() && p.seq[0].op == Op::In) info += 1 + charset_words(p.seq[0].set, p.seq[0].negate);
    else if (std::vector<SetItem> set; !p.seq.empty() && p.seq[0].op == Op::Branch && branch_as_set(p.seq[0], set))
      info += 1 + charset_words(set, false);
    else if (!p.seq.empty() && p.seq[0].op == Op::Literal) info += 3;
  }
  return info + seq_words(p.seq) + 1;
}

}  // namespace

char32_t simple_lower(char32_t c) {
  if (c < 128) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  return map_first(pylib::tables::k_map_lower, pylib::tables::k_map_lower_size, c, false);
}
char32_t simple_upper(char32_t c) {
  if (c < 128) return (c >= 'a' && c <= 'z') ? c - 32 : c;
  return map_first(pylib::tables::k_map_upper, pylib::tables::k_map_upper_size, c, true);
}
bool is_word(char32_t c, bool ascii) {
  if (c < 128) return c == '_' || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
  return !ascii && pylib::is_alnum(c);
}

static bool item_hit(const SetItem& it, char32_t c, bool ascii) {
  switch (it.kind) {
    case SetItem::Lit: return c == it.lo;
    case SetItem::Range: return c >= it.lo && c <= it.hi;
    case SetItem::Cat:
      switch (it.cat) {
        case Category::Digit: return ascii ? (c >= '0' && c <= '9') : pylib::is_decimal(c);
        case Category::NotDigit: return !(ascii ? (c >= '0' && c <= '9') : pylib::is_decimal(c));
        case Category::Space: return ascii ? (c == ' ' || (c >= 9 && c <= 13)) : pylib::is_space(c);
        case Category::NotSpace: return !(ascii ? (c == ' ' || (c >= 9 && c <= 13)) : pylib::is_space(c));
        case Category::Word: return is_word(c, ascii);
        case Category::NotWord: return !is_word(c, ascii);
      }
  }
  return false;
}

bool set_contains(const CharSet& s, char32_t c) {
  bool hit = false;
  for (const SetItem& it : s.items)
    if (item_hit(it, c, s.ascii)) { hit = true; break; }
  if (!hit && s.ignorecase) {
    // RANGE_UNI_IGNORE / LITERAL in an ignore-case set: the lower and upper forms
    char32_t lo = simple_lower(c), up = simple_upper(c);
    for (const SetItem& it : s.items) {
      if (it.kind == SetItem::Cat) continue;
      if ((lo != c && item_hit(it, lo, s.ascii)) || (up != c && item_hit(it, up, s.ascii))) { hit = true; break; }
      if (it.kind == SetItem::Lit && simple_lower(it.lo) == lo) { hit = true; break; }
    }
  }
  return hit != s.negate;
}

bool compile(const std::u32string& pattern, int flags, Program& out, Error& err) {
  Parsed parsed;
  if (!parse(pattern, flags, parsed, err)) return false;
  out = Program{};
  out.groups = parsed.groups;
  out.flags = parsed.flags;
  out.groupdict = parsed.groupdict;
  Compiler c{out, parsed, err};
  // group 0 is recorded by the matcher itself
  c.seq(parsed.seq, parsed.flags);
  if (c.failed) return false;
  c.emit(IOp::Match);
  out.code_words = sre_code_words(parsed);
  // literal prefix, as _compiler._get_literal_prefix finds it (case-sensitive only)
  if (!(parsed.flags & F_IGNORECASE))
    for (const Node& n : parsed.seq) {
      if (n.op != Op::Literal) break;
      out.prefix += n.ch;
    }
  if (!parsed.seq.empty() && parsed.seq[0].op == Op::At &&
      (parsed.seq[0].at == At::BeginningString || (parsed.seq[0].at == At::Beginning && !(parsed.flags & F_MULTILINE))))
    out.anchored_start = true;
  return true;
}

}  // namespace pitfall::sim::regex
