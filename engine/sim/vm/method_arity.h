// The argument counts of the built-in types' methods, with CPython's message
// for a wrong count (method_arity_table.cpp, made by tools/gen-method-arity).
#pragma once
#include <cstddef>

namespace pitfall::sim {

struct MethodArity {
  const char* type;
  const char* name;
  int from_minor, to_minor;  // the CPython versions (3.x) of the row
  int min, max;              // positional arguments after self (max -1: no limit)
  const char* few;           // fewer than min: a template with {n}, or one message a count, '\n'-separated
  const char* many;          // more than max: a template with {n}
  const char* no_keywords;   // "" or the message for any keyword argument
};

extern const MethodArity kMethodArity[];
extern const std::size_t kMethodArityCount;

}  // namespace pitfall::sim
