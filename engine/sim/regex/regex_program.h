// The compiled form of a pattern: a flat program for the backtracking
// matcher (regex_match.cpp), and the compile entry point.
//
// Notes about the model: the instructions follow the shapes of CPython's sre
// opcodes (Lib/re/_compiler.py, Modules/_sre/sre_lib.h): single-character
// tests (LITERAL, NOT_LITERAL, ANY, IN with categories and ranges, the
// *_IGNORE/*_UNI_IGNORE variants), AT anchors, BRANCH as split/jump,
// REPEAT_ONE/MIN_REPEAT_ONE/POSSESSIVE_REPEAT_ONE for a repeated single
// character (a tight counting loop, backtracking one character at a time),
// REPEAT + MAX_UNTIL/MIN_UNTIL for other repeats (a counter per repeat and
// the empty-iteration check), MARK, GROUPREF, ASSERT/ASSERT_NOT and
// ATOMIC_GROUP. Flags are resolved at compile time, per node, as
// _compiler._compile does with the flags in force where each node sits.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "sim/regex/regex_ast.h"

namespace pitfall::sim::regex {

// One single-character test (the "item" of REPEAT_ONE, or a LITERAL/IN op).
struct CharTest {
  enum Kind : std::uint8_t { Lit, LitI, NotLit, NotLitI, AnyNl, AnyAll, Set } kind = Lit;
  char32_t ch = 0;  // Lit/NotLit: the char; *I: its lower-case form
  int set = -1;     // Set: index in Program::sets
};

struct CharSet {
  bool negate = false, ignorecase = false, ascii = false;
  std::vector<SetItem> items;
};

enum class IOp : std::uint8_t {
  Test,        // t: one character
  At,          // at (with multiline/ascii resolved into `at2`)
  Split,       // try x, on failure y
  Jmp,         // x
  Save,        // slot x := pos
  Backref,     // group x (flag: ignorecase)
  RepOne,      // t repeated min..max, kind; x: next pc
  RepInit,     // reg x: count = 0, last = -1
  RepLoop,     // reg x, min, max, kind(greedy/lazy); y: exit pc; body at pc+1
  RepBody,     // reg x: count += 1, last = pos (undone on backtrack)
  LookBegin,   // flag: negate, behind; min (width for behind); x: pc after LookEnd
  AtomicBegin, // x: pc after the group's End
  End,         // end of a look-around or atomic body
  GroupExists, // group x matched: go on, else jump y
  Match,
};

enum class AtKind : std::uint8_t {
  Beginning, BeginningLine, BeginningString, End, EndLine, EndString,
  Boundary, NonBoundary, UniBoundary, UniNonBoundary,
};

struct Inst {
  IOp op = IOp::Match;
  bool flag = false, flag2 = false;
  AtKind at = AtKind::Beginning;
  RepeatKind kind = RepeatKind::Greedy;
  CharTest t;
  std::int32_t x = 0, y = 0;
  std::uint32_t min = 0, max = 0;
};

struct Program {
  std::vector<Inst> code;
  std::vector<CharSet> sets;
  int groups = 1;  // including group 0
  int regs = 0;    // repeat registers (2 per RepInit: count, last position)
  int flags = 0;   // resolved global flags (re.UNICODE added for str patterns)
  std::vector<std::pair<std::string, int>> groupdict;
  // literal prefix the search can skip to (sre's INFO prefix), empty if none
  std::u32string prefix;
  bool anchored_start = false;  // starts with \A (or ^ without MULTILINE)
  std::size_t code_words = 0;   // size of the equivalent sre code (Pattern.__sizeof__)
};

// Parses and compiles; false and `err` on a bad pattern.
bool compile(const std::u32string& pattern, int flags, Program& out, Error& err);

// Character helpers shared by the matcher.
char32_t simple_lower(char32_t c);
char32_t simple_upper(char32_t c);
bool is_word(char32_t c, bool ascii);
bool set_contains(const CharSet& s, char32_t c);

}  // namespace pitfall::sim::regex
