// The `re` module's native objects (CPython's Modules/_sre/sre.c
// PatternObject and MatchObject) shared by re_pattern.cpp (the Pattern
// methods, compile, costs) and re_match_obj.cpp (the Match methods).
#pragma once
#include <memory>
#include <string>

#include "sim/regex/regex_match.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {

constexpr int kRePatternKind = 0x52455054;  // NativeObj kinds
constexpr int kReMatchKind = 0x52454d54;

struct RePatternObj : NativeObj {
  regex::Program prog;
  Ref pattern;     // the source str
  Ref groupindex;  // dict name -> group (a fresh copy is handed out, as mappingproxy would not allow writes)
  bool bytes = false;        // a bytes pattern: matches bytes, its code points are the bytes (latin-1)
  bool ascii_added = false;  // F_ASCII in prog.flags only for bytes semantics (not reported in .flags)
  explicit RePatternObj(ClassObj* c) : NativeObj(c, kRePatternKind) {}
};

struct ReMatchObj : NativeObj {
  Ref pattern;  // RePatternObj
  Ref string;   // the str searched
  std::shared_ptr<const std::u32string> text;  // its code points
  regex::MatchSpans m;
  std::int64_t pos = 0, endpos = 0;
  explicit ReMatchObj(ClassObj* c) : NativeObj(c, kReMatchKind) {}
};

RePatternObj* as_re_pattern(const Ref& o);  // null if not a Pattern
ReMatchObj* as_re_match(const Ref& o);      // null if not a Match

// Runs the pattern and charges its cost (steps and scanned characters) on
// the virtual clock; the steps count toward the instruction budget. Returns
// Matched/NoMatch, or raises (budget exhausted, MemoryError) and returns Limit.
regex::Outcome re_run(VM& vm, RePatternObj* p, const std::u32string& s, std::int64_t pos, std::int64_t endpos,
                      regex::Mode mode, bool must_advance, regex::MatchSpans& out);
Ref re_make_match(VM& vm, const Ref& pattern, const Ref& string, const std::shared_ptr<const std::u32string>& text,
                  regex::MatchSpans&& m, std::int64_t pos, std::int64_t endpos);
// a piece of the subject as the pattern's type: str, or bytes for a bytes pattern
Ref re_text(VM& vm, bool bytes, std::u32string_view s);
bool re_is_bytes(const Ref& pattern);  // a bytes Pattern
// group `g` of a match as a str, or `dflt` when the group did not take part
Ref re_group_str(VM& vm, ReMatchObj* m, int g, const Ref& dflt);
// resolves a group argument (int or name) to its index; -1 + IndexError on a bad one
int re_group_index(VM& vm, ReMatchObj* m, const Ref& g);
// expands a replacement template (sub/expand): false + exception on a bad template
bool re_expand(VM& vm, ReMatchObj* m, const std::string& tmpl, std::string& out);
void init_re_match_type(VM& vm, ClassObj* t);  // re_match_obj.cpp
// sizes as sys.getsizeof reports them (Pattern: code words; Match: 2 slots per group); -1: not a re object
std::int64_t re_object_getsizeof(const Obj* o);

}  // namespace pitfall::sim
