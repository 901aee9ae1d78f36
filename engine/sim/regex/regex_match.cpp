// The backtracking matcher (see regex_match.h for the model).
#include "sim/regex/regex_match.h"

namespace pitfall::sim::regex {
namespace {

constexpr std::size_t kMaxStack = 1u << 22;  // backtrack entries (~128 MiB): past it, MemoryError

enum class E : std::uint8_t { Choice, CapUndo, RegUndo, LastUndo, Barrier, RepOneG, RepOneL };

struct Entry {
  E kind;
  std::uint8_t sub = 0;     // Barrier: 0 look, 1 negative look, 2 atomic
  std::int32_t pc = 0;      // Choice/RepOne*: where to go on; Barrier: pc after End
  std::int64_t pos = 0;     // Choice: position; Barrier: saved position; RepOne*: start
  std::int64_t a = 0;       // CapUndo/RegUndo: slot; RepOne*: count
  std::int64_t b = 0;       // CapUndo/RegUndo/LastUndo: old value; RepOne*: instruction index
};

struct Matcher {
  const Program& P;
  const std::u32string& s;
  const std::int64_t end;
  Mode mode;
  Counters& C;
  std::vector<Entry> stack;
  std::vector<std::int64_t> caps, regs;
  int lastindex = -1;
  bool too_deep = false;

  Matcher(const Program& p, const std::u32string& str, std::int64_t e, Mode m, Counters& c)
      : P(p), s(str), end(e), mode(m), C(c) {}

  bool test(const CharTest& t, std::int64_t pos) const {
    if (pos >= end) return false;
    char32_t ch = s[size_t(pos)];
    switch (t.kind) {
      case CharTest::Lit: return ch == t.ch;
      case CharTest::NotLit: return ch != t.ch;
      case CharTest::LitI: return simple_lower(ch) == t.ch || simple_upper(ch) == simple_upper(t.ch);
      case CharTest::NotLitI: return !(simple_lower(ch) == t.ch || simple_upper(ch) == simple_upper(t.ch));
      case CharTest::AnyNl: return ch != '\n';
      case CharTest::AnyAll: return true;
      case CharTest::Set: return set_contains(P.sets[size_t(t.set)], ch);
    }
    return false;
  }

  bool at(AtKind k, std::int64_t pos) const {
    auto word = [&](std::int64_t p, bool ascii) { return p >= 0 && p < end && is_word(s[size_t(p)], ascii); };
    switch (k) {
      case AtKind::Beginning:
      case AtKind::BeginningString: return pos == 0;
      case AtKind::BeginningLine: return pos == 0 || s[size_t(pos - 1)] == '\n';
      case AtKind::End: return pos == end || (pos + 1 == end && s[size_t(pos)] == '\n');
      case AtKind::EndLine: return pos == end || s[size_t(pos)] == '\n';
      case AtKind::EndString: return pos == end;
      case AtKind::Boundary:
      case AtKind::UniBoundary: {
        if (end == 0) return false;
        bool ascii = k == AtKind::Boundary;
        return word(pos - 1, ascii) != word(pos, ascii);
      }
      case AtKind::NonBoundary:
      case AtKind::UniNonBoundary: {
        if (end == 0) return false;
        bool ascii = k == AtKind::NonBoundary;
        return word(pos - 1, ascii) == word(pos, ascii);
      }
    }
    return false;
  }

  bool push(const Entry& e) {
    if (stack.size() >= kMaxStack) { too_deep = true; return false; }
    stack.push_back(e);
    return true;
  }
  void set_cap(std::int64_t slot, std::int64_t v) {
    push(Entry{E::CapUndo, 0, 0, 0, slot, caps[size_t(slot)]});
    caps[size_t(slot)] = v;
  }
  void set_reg(std::int64_t r, std::int64_t v) {
    push(Entry{E::RegUndo, 0, 0, 0, r, regs[size_t(r)]});
    regs[size_t(r)] = v;
  }
  void undo(const Entry& e) {
    if (e.kind == E::CapUndo) caps[size_t(e.a)] = e.b;
    else if (e.kind == E::RegUndo) regs[size_t(e.a)] = e.b;
    else if (e.kind == E::LastUndo) lastindex = int(e.b);
  }
  std::size_t top_barrier() const {
    for (std::size_t i = stack.size(); i-- > 0;)
      if (stack[i].kind == E::Barrier) return i;
    return 0;
  }
  // Drops the choice points above barrier `b` and the barrier itself,
  // keeping the undo records (a later backtrack past them restores state).
  void commit(std::size_t b) {
    std::size_t w = b;
    for (std::size_t i = b + 1; i < stack.size(); ++i) {
      E k = stack[i].kind;
      if (k == E::CapUndo || k == E::RegUndo || k == E::LastUndo) stack[w++] = stack[i];
    }
    stack.resize(w);
  }

  // One anchored attempt at `start`.
  bool attempt(std::int64_t start, bool must_advance) {
    stack.clear();
    std::fill(caps.begin(), caps.end(), -1);
    std::fill(regs.begin(), regs.end(), -1);
    lastindex = -1;
    std::int64_t pos = start;
    std::int32_t pc = 0;
    const Inst* code = P.code.data();
    for (;;) {
      if (++C.steps > C.limit || too_deep) return false;
      const Inst& in = code[pc];
      bool ok = true;
      switch (in.op) {
        case IOp::Test:
          if (test(in.t, pos)) { ++pos; ++pc; } else ok = false;
          break;
        case IOp::At:
          if (at(in.at, pos)) ++pc; else ok = false;
          break;
        case IOp::Split:
          push(Entry{E::Choice, 0, in.y, pos, 0, 0});
          pc = in.x;
          break;
        case IOp::Jmp: pc = in.x; break;
        case IOp::Save:
          set_cap(in.x, pos);
          if (in.x & 1) {
            push(Entry{E::LastUndo, 0, 0, 0, 0, lastindex});
            lastindex = in.x / 2;
          }
          ++pc;
          break;
        case IOp::Backref: {
          std::int64_t gs = caps[size_t(2 * in.x)], ge = caps[size_t(2 * in.x + 1)];
          if (gs < 0 || ge < 0 || ge < gs || pos + (ge - gs) > end) { ok = false; break; }
          for (std::int64_t k = 0; k < ge - gs && ok; ++k) {
            char32_t a = s[size_t(gs + k)], b = s[size_t(pos + k)];
            ok = a == b || (in.flag && simple_lower(a) == simple_lower(b));
          }
          C.scanned += std::uint64_t(ge - gs);
          if (ok) { pos += ge - gs; ++pc; }
          break;
        }
        case IOp::RepOne: {
          std::int64_t n = 0, room = end - pos;
          std::int64_t mx = in.max == kMaxRepeat ? room : std::min<std::int64_t>(in.max, room);
          if (in.kind == RepeatKind::Lazy) {
            std::int64_t mn = in.min;
            while (n < mn && n < mx && test(in.t, pos + n)) ++n;
            C.scanned += std::uint64_t(n);
            if (n < mn) { ok = false; break; }
            if (n < mx) push(Entry{E::RepOneL, 0, in.x, pos, n, pc});
          } else {
            while (n < mx && test(in.t, pos + n)) ++n;
            C.scanned += std::uint64_t(n);
            if (n < std::int64_t(in.min)) { ok = false; break; }
            if (in.kind == RepeatKind::Greedy && n > std::int64_t(in.min)) push(Entry{E::RepOneG, 0, in.x, pos, n, pc});
          }
          pos += n;
          pc = in.x;
          break;
        }
        case IOp::RepInit:
          set_reg(in.x, 0);
          set_reg(in.x + 1, -1);
          ++pc;
          break;
        case IOp::RepLoop: {
          std::int64_t cnt = regs[size_t(in.x)];
          if (cnt < std::int64_t(in.min)) { ++pc; break; }
          bool more = (in.max == kMaxRepeat || cnt < std::int64_t(in.max)) && pos != regs[size_t(in.x + 1)];
          if (!more) { pc = in.y; break; }
          if (in.kind == RepeatKind::Lazy) {
            push(Entry{E::Choice, 0, pc + 1, pos, 0, 0});
            pc = in.y;
          } else {
            push(Entry{E::Choice, 0, in.y, pos, 0, 0});
            ++pc;
          }
          break;
        }
        case IOp::RepBody:
          set_reg(in.x, regs[size_t(in.x)] + 1);
          set_reg(in.x + 1, pos);
          ++pc;
          break;
        case IOp::LookBegin:
          if (in.flag2 && pos < std::int64_t(in.min)) {  // not enough text behind
            if (in.flag) pc = in.x; else ok = false;
            break;
          }
          push(Entry{E::Barrier, std::uint8_t(in.flag ? 1 : 0), in.x, pos, 0, 0});
          if (in.flag2) pos -= in.min;
          ++pc;
          break;
        case IOp::AtomicBegin:
          push(Entry{E::Barrier, 2, in.x, pos, 0, 0});
          ++pc;
          break;
        case IOp::End: {
          std::size_t b = top_barrier();
          if (b >= stack.size() || stack[b].kind != E::Barrier) { ok = false; break; }  // cannot happen: bodies nest
          Entry bar = stack[b];
          if (bar.sub == 1) {  // the negative assertion's body matched: the assertion fails
            while (stack.size() > b) { undo(stack.back()); stack.pop_back(); }
            ok = false;
            break;
          }
          commit(b);
          if (bar.sub == 0) pos = bar.pos;
          pc = bar.pc;
          break;
        }
        case IOp::GroupExists:
          pc = caps[size_t(2 * in.x)] >= 0 && caps[size_t(2 * in.x + 1)] >= 0 ? pc + 1 : in.y;
          break;
        case IOp::Match:
          if ((mode == Mode::FullMatch && pos != end) || (must_advance && pos == start)) { ok = false; break; }
          caps[0] = start;
          caps[1] = pos;
          return true;
      }
      if (ok) continue;
      // ---- backtrack ----
      bool resumed = false;
      while (!stack.empty() && !resumed) {
        Entry e = stack.back();
        stack.pop_back();
        switch (e.kind) {
          case E::CapUndo:
          case E::RegUndo:
          case E::LastUndo: undo(e); break;
          case E::Choice: pos = e.pos; pc = e.pc; resumed = true; break;
          case E::Barrier:
            if (e.sub == 1) { pos = e.pos; pc = e.pc; resumed = true; }  // negative body failed: assertion holds
            break;
          case E::RepOneG: {
            const Inst& r = code[e.b];
            std::int64_t n = e.a - 1;
            // sre: when a literal follows, only stop where it can match
            const Inst& nx = code[r.x];
            if (nx.op == IOp::Test && nx.t.kind == CharTest::Lit) {
              std::int64_t n0 = n;
              while (n >= std::int64_t(r.min) && (e.pos + n >= end || s[size_t(e.pos + n)] != nx.t.ch)) --n;
              C.scanned += std::uint64_t(n0 - n);
              if (n < std::int64_t(r.min)) break;
            }
            if (n > std::int64_t(r.min)) push(Entry{E::RepOneG, 0, e.pc, e.pos, n, e.b});
            pos = e.pos + n;
            pc = e.pc;
            resumed = true;
            break;
          }
          case E::RepOneL: {
            const Inst& r = code[e.b];
            std::int64_t room = end - e.pos;
            std::int64_t mx = r.max == kMaxRepeat ? room : std::min<std::int64_t>(r.max, room);
            if (e.a >= mx || !test(r.t, e.pos + e.a)) break;
            std::int64_t n = e.a + 1;
            C.scanned += 1;
            if (n < mx) push(Entry{E::RepOneL, 0, e.pc, e.pos, n, e.b});
            pos = e.pos + n;
            pc = e.pc;
            resumed = true;
            break;
          }
        }
      }
      if (!resumed) return false;
      ++C.steps;
    }
  }
};

}  // namespace

Outcome run(const Program& prog, const std::u32string& s, std::int64_t pos, std::int64_t endpos, Mode mode,
            bool must_advance, Counters& c, MatchSpans& out) {
  std::int64_t len = std::int64_t(s.size());
  if (endpos > len) endpos = len;
  if (endpos < 0) endpos = 0;
  if (pos < 0) pos = 0;
  out.spans.assign(size_t(2 * prog.groups), -1);
  out.lastindex = -1;
  if (pos > endpos) return Outcome::NoMatch;
  Matcher m(prog, s, endpos, mode, c);
  m.caps.assign(size_t(2 * prog.groups), -1);
  m.regs.assign(size_t(prog.regs), -1);
  auto done = [&](bool ok) {
    if (m.too_deep) return Outcome::TooDeep;
    if (c.steps > c.limit) return Outcome::Limit;
    if (!ok) return Outcome::NoMatch;
    out.spans = m.caps;
    out.lastindex = m.lastindex;
    return Outcome::Matched;
  };
  if (mode != Mode::Search) return done(m.attempt(pos, must_advance));
  for (std::int64_t start = pos; start <= endpos; ++start) {
    if (!prog.prefix.empty()) {  // skip to the next place the literal prefix can start
      std::int64_t k = start;
      char32_t first = prog.prefix[0];
      while (k < endpos && s[size_t(k)] != first) ++k;
      c.scanned += std::uint64_t(k - start);
      if (k >= endpos) return done(false);
      start = k;
    }
    ++c.attempts;
    if (m.attempt(start, must_advance && start == pos)) return done(true);
    if (m.too_deep || c.steps > c.limit) return done(false);
    if (prog.anchored_start) break;
  }
  return done(false);
}

}  // namespace pitfall::sim::regex
