// How the compiler's SyntaxWarnings reach stderr: warnings.showwarning's
// format (Lib/warnings.py _formatwarnmsg_impl) with the line linecache gives.
#include "sim/compiler/compiler.h"

#include "syntax/source.h"

namespace pitfall::sim {

std::string format_warnings(const CompileResult& cr, const std::string& filename, const std::string& source) {
  if (cr.warnings.empty()) return {};
  const syntax::Source src(filename, source);
  const bool readable = !(filename.size() >= 2 && filename.front() == '<' && filename.back() == '>');
  std::string out;
  for (const CompileWarning& w : cr.warnings) {
    out += filename + ":" + std::to_string(w.line) + ": SyntaxWarning: " + w.message + "\n";
    if (!readable) continue;
    std::string_view line = src.line_text(w.line);
    const std::size_t a = line.find_first_not_of(" \t\f\r\n\v");
    if (a == std::string_view::npos) continue;
    const std::size_t b = line.find_last_not_of(" \t\f\r\n\v");
    out += "  " + std::string(line.substr(a, b - a + 1)) + "\n";
  }
  return out;
}

}  // namespace pitfall::sim
