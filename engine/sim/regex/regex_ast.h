// The parsed form of a regular expression, shaped like the list of
// (opcode, argument) pairs that CPython's Lib/re/_parser.py builds
// (SubPattern): a sequence of nodes, each a literal, a set, an anchor, a
// group, a repeat, a branch or an assertion.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace pitfall::sim::regex {

// SRE_FLAG_* (Lib/re/_constants.py)
enum Flag : int {
  F_TEMPLATE = 1, F_IGNORECASE = 2, F_LOCALE = 4, F_MULTILINE = 8, F_DOTALL = 16,
  F_UNICODE = 32, F_VERBOSE = 64, F_DEBUG = 128, F_ASCII = 256,
};

constexpr std::uint32_t kMaxRepeat = 4294967295u;  // MAXREPEAT (_sre.MAXREPEAT)
constexpr std::uint64_t kMaxWidth = ~std::uint64_t(0);
constexpr int kMaxGroups = 1073741823;  // MAXGROUPS on 64-bit builds

enum class Op : std::uint8_t {
  Literal, NotLiteral, Any, In, At, Branch, Repeat, Subpattern, Atomic, Assert, GroupRef, GroupRefExists,
};
enum class At : std::uint8_t { Beginning, End, BeginningString, EndString, Boundary, NonBoundary };
enum class Category : std::uint8_t { Digit, NotDigit, Space, NotSpace, Word, NotWord };
enum class RepeatKind : std::uint8_t { Greedy, Lazy, Possessive };

struct SetItem {
  enum Kind : std::uint8_t { Lit, Range, Cat } kind = Lit;
  char32_t lo = 0, hi = 0;  // Lit: lo; Range: lo..hi
  Category cat = Category::Digit;
  bool operator==(const SetItem& o) const { return kind == o.kind && lo == o.lo && hi == o.hi && cat == o.cat; }
};

struct Node;
using Seq = std::vector<Node>;

struct Node {
  Op op = Op::Literal;
  char32_t ch = 0;                 // Literal / NotLiteral
  At at = At::Beginning;           // At
  bool negate = false;             // In: [^...]; Assert: (?!...) / (?<!...)
  bool behind = false;             // Assert: lookbehind
  std::vector<SetItem> set;        // In
  std::uint32_t min = 0, max = 0;  // Repeat
  RepeatKind kind = RepeatKind::Greedy;
  int group = -1;                  // Subpattern (-1: none), GroupRef, GroupRefExists
  int add_flags = 0, del_flags = 0;  // Subpattern: (?i:...) (?-i:...)
  std::vector<Seq> subs;           // Branch: alternatives; Repeat/Subpattern/Atomic/Assert: [body];
                                   // GroupRefExists: [yes] or [yes, no]
};

struct Parsed {
  Seq seq;
  int flags = 0;                   // global flags after inline (?x) at the start
  int groups = 1;                  // number of groups + 1 (group 0)
  std::vector<std::pair<std::string, int>> groupdict;  // name (UTF-8) -> group, in definition order
  std::vector<std::pair<std::uint64_t, std::uint64_t>> groupwidths;  // per group (min, max)
};

struct Error {
  std::string msg;  // CPython's message (without " at position N")
  std::int64_t pos = -1;  // code point index in the pattern, -1: none
  enum Kind : std::uint8_t { Re, Overflow, Value, Recursion } kind = Re;  // re.error, OverflowError, ValueError, RecursionError
};

// Parses `pattern` (code points) with `flags` as _parser.parse does. False
// and `err` set on a bad pattern.
bool parse(const std::u32string& pattern, int flags, Parsed& out, Error& err);

// (min, max) width of a sequence (SubPattern.getwidth), saturating at kMaxWidth.
std::pair<std::uint64_t, std::uint64_t> width_of(const Seq& seq, const Parsed& p);

}  // namespace pitfall::sim::regex
