#include "sim/compiler/indentation.h"

#include <vector>

namespace pitfall::sim {

namespace {

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || (c & 0x80); }

// The message after a compound statement header whose block is missing
// (Grammar/python.gram, invalid_*_stmt: "expected an indented block after
// ..."); empty when the line's first word does not open a block.
std::string block_owner(std::string_view first, std::string_view second) {
  if (first == "async") first = second;
  if (first == "def") return "function definition";
  if (first == "class") return "class definition";
  for (const char* k : {"if", "elif", "else", "while", "for", "try", "except", "finally", "with", "match", "case"})
    if (first == k) return std::string("'") + k + "' statement";
  return "";
}

}  // namespace

IndentIssue check_indentation(std::string_view src) {
  IndentIssue out;
  std::vector<int> ind{0}, alt{0};  // indentation stack: columns with tabs to 8, and with tabs as 1
  int depth = 0;                    // open brackets
  char quote = 0;                   // inside a string: its quote character
  bool triple = false;
  bool continued = false;           // the previous physical line ended with a backslash
  bool pending = false;             // the last logical line opened a block (ended with ':')
  int pending_line = 0;
  std::string pending_owner;
  // the logical line being scanned
  std::string first_word, second_word;
  int words = 0;
  char last_sig = 0;
  int logical_start = 0;
  int line_no = 0;
  size_t pos = 0;
  auto fail = [&](const char* type, std::string msg, int line, int col) {
    out = {true, type, std::move(msg), line, col};
    return out;
  };
  while (pos < src.size()) {
    ++line_no;
    size_t eol = src.find('\n', pos);
    if (eol == std::string_view::npos) eol = src.size();
    std::string_view line = src.substr(pos, eol - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    size_t i = 0;
    if (!quote && depth == 0 && !continued) {
      // the start of a logical line: measure its indentation (tok_get)
      int col = 0, altcol = 0;
      for (; i < line.size(); ++i) {
        if (line[i] == ' ') ++col, ++altcol;
        else if (line[i] == '\t') col = (col / 8 + 1) * 8, ++altcol;
        else if (line[i] == '\f') col = altcol = 0;
        else break;
      }
      if (i == line.size() || line[i] == '#') {  // blank or comment-only: no tokens
        pos = eol + 1;
        continue;
      }
      const int first_col = int(i) + 1;
      if (col == ind.back()) {
        if (altcol != alt.back()) return fail("TabError", "inconsistent use of tabs and spaces in indentation", line_no, -1);
        if (pending) return fail("IndentationError", "expected an indented block after " + pending_owner + " on line " + std::to_string(pending_line), line_no, first_col);
      } else if (col > ind.back()) {
        if (altcol <= alt.back()) return fail("TabError", "inconsistent use of tabs and spaces in indentation", line_no, -1);
        if (!pending) return fail("IndentationError", "unexpected indent", line_no, -1);
        ind.push_back(col);
        alt.push_back(altcol);
      } else {
        while (ind.size() > 1 && col < ind.back()) ind.pop_back(), alt.pop_back();
        if (col != ind.back()) return fail("IndentationError", "unindent does not match any outer indentation level", line_no, int(line.size()) + 1);
        if (altcol != alt.back()) return fail("TabError", "inconsistent use of tabs and spaces in indentation", line_no, -1);
        if (pending) return fail("IndentationError", "expected an indented block after " + pending_owner + " on line " + std::to_string(pending_line), line_no, first_col);
      }
      pending = false;
      first_word.clear();
      second_word.clear();
      words = 0;
      last_sig = 0;
      logical_start = line_no;
    }
    continued = false;
    // the tokens of this physical line: brackets, strings, comments, words
    while (i < line.size()) {
      char c = line[i];
      if (quote) {
        if (c == '\\') { i += 2; continue; }
        if (c == quote && (!triple || line.substr(i, 3) == std::string(3, quote))) {
          i += triple ? 3 : 1;
          quote = 0;
          last_sig = 'x';
          continue;
        }
        ++i;
        continue;
      }
      if (c == '#') break;
      if (c == ' ' || c == '\t' || c == '\f') { ++i; continue; }
      if (c == '\\' && i + 1 == line.size()) { continued = true; ++i; break; }
      if (c == '"' || c == '\'') {
        quote = c;
        triple = line.substr(i, 3) == std::string(3, c);
        i += triple ? 3 : 1;
        continue;
      }
      if (is_name_char(c)) {
        size_t j = i;
        while (j < line.size() && is_name_char(line[j])) ++j;
        if (j < line.size() && (line[j] == '"' || line[j] == '\'') && j - i <= 3) { i = j; continue; }  // string prefix
        if (depth == 0 && words < 2) (words++ == 0 ? first_word : second_word) = std::string(line.substr(i, j - i));
        i = j;
        last_sig = 'x';
        continue;
      }
      if (c == '(' || c == '[' || c == '{') ++depth;
      else if ((c == ')' || c == ']' || c == '}') && depth > 0) --depth;
      if (depth == 0 && words < 2 && c != ':') words = 2;  // punctuation before a keyword: not a header
      last_sig = c;
      ++i;
    }
    if (quote && !triple) {
      if (!(line.size() > 0 && line.back() == '\\')) return out;  // unterminated string: the parser reports it
    }
    if (!quote && depth == 0 && !continued && last_sig == ':') {
      std::string owner = block_owner(first_word, second_word);
      if (!owner.empty()) {
        pending = true;
        pending_line = logical_start;
        pending_owner = owner;
      }
    }
    pos = eol + 1;
  }
  if (pending && !quote && depth == 0) {
    // end of file where a block should start: CPython reports the last line
    int last = line_no;
    return fail("IndentationError", "expected an indented block after " + pending_owner + " on line " + std::to_string(pending_line), last, -1);
  }
  return out;
}

}  // namespace pitfall::sim
