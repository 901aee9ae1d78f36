// Per-line cost from a simulation report, as gutter heat for the code editor.
#pragma once
#include <vector>

#include "report/report.h"
#include "widgets/code_editor.h"

namespace pitfall::web::ui {

// One entry per line that ran; *hottest_line (if given) gets the costliest line (0: none).
std::vector<widgets::LineHeat> line_heat(const report::Report& r, int* hottest_line);

}  // namespace pitfall::web::ui
