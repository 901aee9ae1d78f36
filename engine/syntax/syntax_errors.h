// Syntax errors as findings (rule id "syntax-error"), located at tree-sitter's
// ERROR and MISSING nodes.
#pragma once
#include <vector>

#include "report/finding.h"
#include "syntax/tree.h"

namespace pitfall::syntax {

std::vector<report::Finding> syntax_errors(const Tree& tree);

}  // namespace pitfall::syntax
