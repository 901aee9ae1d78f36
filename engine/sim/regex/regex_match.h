// The backtracking matcher over a compiled Program (regex_program.h).
//
// Notes about the model: like sre (Modules/_sre/sre_lib.h SRE(match) and
// SRE(search)) it tries alternatives depth-first and backtracks, so its work
// is exponential on patterns such as `(a+)+b`; that work is what the
// simulator charges. It never recurses in C++: choice points, undo records
// for captures and repeat counters, and look-around/atomic barriers live on
// one explicit stack. Every dispatched instruction and every resumed choice
// point is a `step`; characters consumed by a single-character repeat's
// counting loop and skipped by the literal-prefix search are `scanned`
// (sre's tight SRE(count) and prefix loops); a search also counts the start
// positions it tried (`attempts`). Matching stops past `limit` steps.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "sim/regex/regex_program.h"

namespace pitfall::sim::regex {

enum class Mode : std::uint8_t { Match, FullMatch, Search };
enum class Outcome : std::uint8_t { Matched, NoMatch, Limit, TooDeep };

struct Counters {
  std::uint64_t steps = 0, scanned = 0;
  std::uint64_t attempts = 0;  // start positions a search tried (sre: one SRE(match) call each)
  std::uint64_t limit = ~std::uint64_t(0);  // Outcome::Limit past this many steps
};

struct MatchSpans {
  std::vector<std::int64_t> spans;  // 2 per group (group 0 first), -1 when unmatched
  int lastindex = -1;
};

// Runs `prog` on s[pos:endpos] (anchors and look-behind see the whole
// string, as sre's state->beginning does). `must_advance`: an empty match at
// `pos` does not count (finditer/sub/split after an empty match).
Outcome run(const Program& prog, const std::u32string& s, std::int64_t pos, std::int64_t endpos, Mode mode,
            bool must_advance, Counters& c, MatchSpans& out);

}  // namespace pitfall::sim::regex
