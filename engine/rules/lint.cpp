#include "rules/lint.h"

#include <algorithm>
#include <cctype>

#include "rules/node_index.h"
#include "rules/rule.h"
#include "syntax/syntax_errors.h"

namespace pitfall::rules {
namespace {

bool listed(const std::vector<std::string>& keys, const RuleInfo& info) {
  for (const auto& k : keys)
    if (k == info.id || (*info.ruff && k == info.ruff) || k == "ALL") return true;
  return false;
}

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

// Whether the line's `# noqa` comment suppresses this finding.
bool suppressed(const syntax::Source& src, const report::Finding& f) {
  std::string_view line = src.line_text(f.line);
  std::size_t at = line.find("# noqa");
  if (at == std::string_view::npos) at = line.find("#noqa");
  if (at == std::string_view::npos) return false;
  std::string_view rest = line.substr(line.find("noqa", at) + 4);
  if (rest.empty() || rest[0] != ':') return true;  // bare noqa silences everything
  rest.remove_prefix(1);
  std::size_t start = 0;
  std::string codes(rest);
  for (std::size_t i = 0; i <= codes.size(); ++i) {
    if (i == codes.size() || codes[i] == ',' || codes[i] == ' ') {
      std::string code = trim(std::string_view(codes).substr(start, i - start));
      if (!code.empty() && (code == f.rule || code == f.ruff)) return true;
      start = i + 1;
    }
  }
  return false;
}

}  // namespace

std::vector<report::Finding> lint(const syntax::Tree& tree, const LintOptions& options) {
  std::vector<report::Finding> out = syntax::syntax_errors(tree);
  if (tree.ok()) {
    IndexScope shared(tree);
    for (const Rule& rule : all_rules()) {
      if (!options.select.empty() && !listed(options.select, rule.info)) continue;
      if (listed(options.ignore, rule.info)) continue;
      RuleContext ctx(tree, rule.info, out);
      rule.check(ctx);
    }
  }
  std::erase_if(out, [&](const report::Finding& f) { return suppressed(tree.source(), f); });
  std::stable_sort(out.begin(), out.end(), [](const report::Finding& a, const report::Finding& b) {
    return std::tie(a.line, a.col) < std::tie(b.line, b.col);
  });
  return out;
}

std::vector<report::Finding> lint_source(const std::string& name, const std::string& text,
                                         const LintOptions& options) {
  std::size_t bad = 0;
  if (!syntax::valid_utf8(text, &bad)) {
    syntax::Source src(name, text.substr(0, bad));
    auto p = src.position(static_cast<std::uint32_t>(bad));
    report::Finding f;
    f.rule = "syntax-error";
    f.severity = "error";
    f.file = name;
    f.line = f.end_line = p.line;
    f.col = f.end_col = p.col;
    f.message = "File is not valid UTF-8 (invalid byte at offset " + std::to_string(bad) + ")";
    return {f};
  }
  syntax::Tree tree(syntax::Source(name, text));
  return lint(tree, options);
}

}  // namespace pitfall::rules
