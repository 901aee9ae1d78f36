// Caret lines under traceback entries (traceback_carets.h).
#include "sim/vm/traceback_carets.h"

#include "sim/vm/vm.h"

namespace pitfall::sim {

std::string traceback_caret_line(const std::string& python, const Pos& p, const std::string& source_line) {
  if (python == "3.10" || p.end_line != p.line || p.col < 1) return "";
  const std::size_t indent = source_line.find_first_not_of(" \t");
  if (indent == std::string::npos) return "";
  std::string stripped = source_line.substr(indent);
  while (!stripped.empty() && (stripped.back() == ' ' || stripped.back() == '\t' || stripped.back() == '\n' || stripped.back() == '\r'))
    stripped.pop_back();
  const int c0 = p.col - 1 - int(indent), c1 = p.end_col - 1 - int(indent);
  int len = 0;
  for (unsigned char ch : stripped)
    if ((ch & 0xC0) != 0x80) ++len;
  const bool anchors = p.anchor > 0 && p.anchor_end > p.anchor;
  if (c0 < 0 || c1 <= c0 || (!anchors && c0 == 0 && c1 >= len)) return "";
  std::string marks;
  for (int c = c0; c < c1; ++c) {
    const int abs_col = c + 1 + int(indent);
    marks += !anchors || (abs_col >= p.anchor && abs_col < p.anchor_end) ? '^' : '~';
  }
  return "    " + std::string(std::size_t(c0), ' ') + marks + "\n";
}

// _pitfall_warnings.carets(code, lasti): the caret line of a traceback entry
// (tb_lasti is twice the instruction index, frame_objects.cpp), for
// traceback.format_tb / format_list; "" for library code and code compiled
// from a string (no source file to quote).
Ref traceback_carets(VM& vm, Args& a) {
  std::int64_t lasti = 0;
  if (a.n < 2 || !a.v[0] || a.v[0]->tag != Tag::Code || !vm.index_value(a.v[1], lasti)) return vm.rt.make_str("");
  const auto* co = a.v[0].as<CodeObj>();
  const std::int64_t ip = lasti / 2;
  if (co->library || co->filename != vm.filename || ip < 0 || ip >= std::int64_t(co->pos.size())) return vm.rt.make_str("");
  const Pos& p = co->pos[std::size_t(ip)];
  if (p.line < 1 || p.line > int(vm.source_lines.size())) return vm.rt.make_str("");
  return vm.rt.make_str(traceback_caret_line(vm.python, p, vm.source_lines[std::size_t(p.line - 1)]));
}

// _pitfall_warnings.suppress_context(exc): exc.__suppress_context__ (set by `raise ... from`)
Ref traceback_suppress_context(VM& vm, Args& a) {
  if (a.n < 1 || !a.v[0] || a.v[0]->tag != Tag::Exception) return vm.rt.False;
  return vm.rt.make_bool(a.v[0].as<ExceptionObj>()->suppress_context);
}

}  // namespace pitfall::sim
