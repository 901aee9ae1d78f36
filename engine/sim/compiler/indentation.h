// Indentation errors, found the way CPython's tokenizer and parser find them
// (Parser/tokenizer.c tok_get's indentation stack with its tab-size-8 and
// tab-size-1 columns; the grammar's invalid_*_stmt rules for a missing
// block). tree-sitter recovers from bad indentation silently, so this pass
// runs on the source before the tree is trusted.
#pragma once
#include <string>
#include <string_view>

namespace pitfall::sim {

struct IndentIssue {
  bool found = false;
  std::string type;  // "IndentationError" or "TabError"
  std::string msg;   // CPython's message text
  int line = 0;      // 1-based line CPython reports
  int col = -1;      // 1-based caret column on that line; -1: CPython prints no caret
};

IndentIssue check_indentation(std::string_view source);

}  // namespace pitfall::sim
