// A finding: one pitfall (or syntax error) at one place in one file.
// The JSON shape is fixed by INTERFACES.md ("Findings").
#pragma once
#include <string>
#include <vector>

namespace pitfall::report {

struct TextEdit {
  int line = 0, col = 0, end_line = 0, end_col = 0;  // 1-based, columns in code points
  std::string text;
};

struct Fix {
  std::string title;
  std::vector<TextEdit> edits;
};

struct Finding {
  std::string rule;      // e.g. "mutable-default-argument", "syntax-error"
  std::string ruff;      // matching Ruff code, or empty
  std::string severity;  // "error" | "warning" | "info"
  std::string file;
  int line = 0, col = 0, end_line = 0, end_col = 0;  // 1-based, columns in code points
  std::string message;
  bool has_fix = false;
  Fix fix;
  std::string evidence;  // from a simulation report, when one is joined
};

}  // namespace pitfall::report
