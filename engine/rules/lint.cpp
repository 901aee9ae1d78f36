#include "rules/lint.h"

#include <algorithm>
#include <cctype>

#include "analysis/semantic.h"
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

namespace {

void run_rules(const syntax::Tree& tree, const LintOptions& options, std::vector<report::Finding>& out) {
  IndexScope shared(tree);
  analysis::ModelScope shared_model(tree);
  for (const Rule& rule : all_rules()) {
    if (!options.select.empty() && !listed(options.select, rule.info)) continue;
    if (listed(options.ignore, rule.info)) continue;
    RuleContext ctx(tree, rule.info, out);
    rule.check(ctx);
  }
}

// ---- recovery from parse errors -------------------------------------------
// tree-sitter sometimes turns valid code into one large ERROR node (for
// example a dedent inside parentheses). Rather than lose the file, split it
// into top-level statements with a small scanner that understands strings,
// brackets and line continuations, keep the statements that parse cleanly on
// their own, blank out the others (keeping every line break, so lines and
// columns stay those of the file) and lint what is left.

struct Chunk {
  std::size_t begin, end;  // byte range: whole lines
};

bool starts_with_word(std::string_view line, std::string_view word) {
  if (line.substr(0, word.size()) != word) return false;
  if (line.size() == word.size()) return true;
  char c = line[word.size()];
  return !(std::isalnum(static_cast<unsigned char>(c)) || c == '_');
}

std::vector<Chunk> top_level_chunks(std::string_view text) {
  std::vector<Chunk> chunks;
  int depth = 0;
  char quote = 0;       // inside a string: its quote character
  bool triple = false;  // ... and whether it is triple-quoted
  bool continued = false;
  bool prev_decorator = false;
  std::size_t i = 0, n = text.size();
  while (i < n) {
    std::size_t line_start = i;
    std::size_t eol = text.find('\n', i);
    if (eol == std::string_view::npos) eol = n;
    std::string_view line = text.substr(line_start, eol - line_start);
    // An unclosed bracket must not swallow the rest of the file: a `def`,
    // `class`, decorator or import at column 0 starts a statement regardless.
    if (depth > 0 && quote == 0 &&
        (starts_with_word(line, "def") || starts_with_word(line, "class") || starts_with_word(line, "import") ||
         starts_with_word(line, "from") || starts_with_word(line, "async") || (!line.empty() && line[0] == '@')))
      depth = 0;
    bool at_top = quote == 0 && depth == 0 && !continued && !line.empty();
    char first = line.empty() ? ' ' : line[0];
    if (at_top && first != ' ' && first != '\t' && first != '\r' && first != '#' && first != '\f' &&
        first != ')' && first != ']' && first != '}') {
      bool joins = prev_decorator || starts_with_word(line, "else") || starts_with_word(line, "elif") ||
                   starts_with_word(line, "except") || starts_with_word(line, "finally") ||
                   starts_with_word(line, "case");
      if (!joins || chunks.empty()) chunks.push_back({line_start, line_start});
      prev_decorator = first == '@';
    }
    // Scan the line for strings, brackets and a trailing backslash.
    continued = false;
    for (std::size_t k = line_start; k < eol; ++k) {
      char c = text[k];
      if (quote) {
        if (c == '\\') {
          if (k + 1 == eol) continued = !triple;
          ++k;
          continue;
        }
        if (c == quote) {
          if (!triple) quote = 0;
          else if (k + 2 < n && text[k + 1] == quote && text[k + 2] == quote) {
            quote = 0;
            k += 2;
          }
        }
        continue;
      }
      if (c == '#') break;
      if (c == '"' || c == '\'') {
        if (k + 2 < n && text[k + 1] == c && text[k + 2] == c) {
          triple = true;
          k += 2;
        } else {
          triple = false;
        }
        quote = c;
      } else if (c == '(' || c == '[' || c == '{') {
        ++depth;
      } else if (c == ')' || c == ']' || c == '}') {
        depth = depth > 0 ? depth - 1 : 0;
      } else if (c == '\\' && k + 1 == eol) {
        continued = true;
      }
    }
    if (quote && !triple && !continued) quote = 0;  // an unterminated one-line string ends here
    i = eol < n ? eol + 1 : n;
    if (!chunks.empty()) chunks.back().end = i;
  }
  return chunks;
}

bool parses_cleanly(TSParser* parser, std::string_view text) {
  TSTree* t = ts_parser_parse_string(parser, nullptr, text.data(), static_cast<std::uint32_t>(text.size()));
  if (!t) return false;
  bool ok = !ts_node_has_error(ts_tree_root_node(t));
  ts_tree_delete(t);
  return ok;
}

// The file's text with every statement that does not parse on its own
// replaced by blanks (line breaks kept); false when nothing can be kept.
bool recoverable_text(const std::string& text, std::string& out, std::vector<Chunk>& bad) {
  auto chunks = top_level_chunks(text);
  if (chunks.empty()) return false;
  TSParser* parser = syntax::shared_parser();
  if (!parser) return false;
  out = text;
  bool kept = false;
  for (const Chunk& c : chunks) {
    std::string_view part(text.data() + c.begin, c.end - c.begin);
    if (parses_cleanly(parser, part)) {
      kept = true;
      continue;
    }
    bad.push_back(c);
    for (std::size_t k = c.begin; k < c.end; ++k)
      if (out[k] != '\n' && out[k] != '\r') out[k] = ' ';
  }
  // Bytes before the first statement (comments, blank lines) stay as they are.
  return kept;
}

}  // namespace

std::vector<report::Finding> lint(const syntax::Tree& tree, const LintOptions& options) {
  std::vector<report::Finding> out = syntax::syntax_errors(tree);
  if (tree.ok()) {
    if (!ts_node_has_error(tree.root())) {
      run_rules(tree, options, out);
    } else {
      std::string cleaned;
      std::vector<Chunk> bad;
      bool kept = recoverable_text(tree.source().text(), cleaned, bad);
      // Locate the syntax errors inside the statements that fail on their own:
      // a file-wide ERROR node would otherwise put them at line 1.
      if (!bad.empty() && bad.size() <= 20) {
        std::vector<report::Finding> located;
        const std::string& text = tree.source().text();
        for (const Chunk& c : bad) {
          std::string only(text.size(), ' ');
          for (std::size_t k = 0; k < text.size(); ++k)
            if (text[k] == '\n' || text[k] == '\r' || (k >= c.begin && k < c.end)) only[k] = text[k];
          syntax::Tree alone(syntax::Source(tree.source().name(), only));
          auto errs = syntax::syntax_errors(alone);
          located.insert(located.end(), errs.begin(), errs.end());
        }
        if (!located.empty()) out = std::move(located);
      }
      if (kept) {
        syntax::Tree part(syntax::Source(tree.source().name(), cleaned));
        if (part.ok() && !ts_node_has_error(part.root())) run_rules(part, options, out);
      }
    }
  }
  std::erase_if(out, [&](const report::Finding& f) { return suppressed(tree.source(), f); });
  std::stable_sort(out.begin(), out.end(), [](const report::Finding& a, const report::Finding& b) {
    return std::tie(a.line, a.col) < std::tie(b.line, b.col);
  });
  return out;
}

namespace {
// The finding for text that is not UTF-8 (false when it is).
bool not_utf8(const std::string& name, const std::string& text, std::vector<report::Finding>& out) {
  std::size_t bad = 0;
  if (syntax::valid_utf8(text, &bad)) return false;
  syntax::Source src(name, text.substr(0, bad));
  auto p = src.position(static_cast<std::uint32_t>(bad));
  report::Finding f;
  f.rule = "syntax-error";
  f.severity = "error";
  f.file = name;
  f.line = f.end_line = p.line;
  f.col = f.end_col = p.col;
  f.message = "File is not valid UTF-8 (invalid byte at offset " + std::to_string(bad) + ")";
  out = {f};
  return true;
}
}  // namespace

std::vector<report::Finding> IncrementalLinter::lint(const std::string& name, const std::string& text,
                                                     const LintOptions& options) {
  std::vector<report::Finding> out;
  if (not_utf8(name, text, out)) {
    last_.reset();
    return out;
  }
  syntax::Source src(name, text);
  last_ = last_ ? std::make_unique<syntax::Tree>(std::move(src), *last_) : std::make_unique<syntax::Tree>(std::move(src));
  return rules::lint(*last_, options);
}

std::vector<report::Finding> lint_source(const std::string& name, const std::string& text,
                                         const LintOptions& options) {
  std::vector<report::Finding> out;
  if (not_utf8(name, text, out)) return out;
  syntax::Tree tree(syntax::Source(name, text));
  return lint(tree, options);
}

}  // namespace pitfall::rules
