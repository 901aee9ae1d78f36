// `pitfall dis`: a dis-like listing of every code object.
#include <functional>

#include "sim/compiler/compiler.h"
#include "sim/simulation.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {

std::string disassemble(const std::string& filename, const std::string& source) {
  VM vm(filename, source, "3.12");
  CompileResult cr = compile_module(vm.rt, filename, source);
  std::string out;
  if (!cr.code) {
    out = filename + ":" + std::to_string(cr.line) + ":" + std::to_string(cr.col) + ": " + cr.error_type + ": " + cr.error + "\n";
    set_current_vm(nullptr);
    return out;
  }
  std::function<void(CodeObj*)> dump = [&](CodeObj* co) {
    out += "Disassembly of <code object " + co->name + ", file \"" + filename + "\", line " + std::to_string(co->firstlineno) + ">:\n";
    int last = -1;
    for (size_t i = 0; i < co->code.size(); ++i) {
      const Instr& in = co->code[i];
      int line = co->pos[i].line;
      char buf[160];
      std::string ln = line != last ? std::to_string(line) : "";
      last = line;
      std::snprintf(buf, sizeof buf, "%6s %6zu %-22s", ln.c_str(), i, op_name(in.op));
      std::string row = buf;
      bool has_arg = !(in.op == NOP || in.op == POP_TOP || in.op == PUSH_NULL || in.op == RETURN_VALUE || in.op == GET_ITER ||
                       in.op == POP_BLOCK || in.op == POP_EXCEPT || in.op == RERAISE || in.op == RERAISE_RESTORE ||
                       in.op == YIELD_VALUE || in.op == LOAD_BUILD_CLASS || in.op == BEFORE_WITH || in.op == WITH_EXIT ||
                       in.op == UNARY_NOT || in.op == UNARY_NEGATIVE || in.op == BINARY_SUBSCR || in.op == STORE_SUBSCR);
      if (has_arg) {
        row += std::to_string(in.arg);
        std::string detail;
        if (in.op == LOAD_CONST) { vm.repr_to(co->consts[size_t(in.arg)], detail); if (vm.exc) { vm.exc.reset(); detail = "?"; } }
        else if (in.op == LOAD_FAST || in.op == STORE_FAST || in.op == DELETE_FAST) detail = co->varnames[size_t(in.arg)];
        else if (in.op == LOAD_GLOBAL || in.op == STORE_GLOBAL || in.op == LOAD_NAME || in.op == STORE_NAME || in.op == LOAD_ATTR ||
                 in.op == STORE_ATTR || in.op == LOAD_METHOD || in.op == IMPORT_NAME || in.op == IMPORT_FROM || in.op == DELETE_NAME ||
                 in.op == DELETE_ATTR || in.op == DELETE_GLOBAL)
          detail = co->names[size_t(in.arg)].as<StrObj>()->s;
        else if (in.op == LOAD_DEREF || in.op == STORE_DEREF || in.op == LOAD_CLOSURE || in.op == LOAD_CLASSDEREF)
          detail = size_t(in.arg) < co->cellvars.size() ? co->cellvars[size_t(in.arg)] : co->freevars[size_t(in.arg) - co->cellvars.size()];
        else if (in.op == BINARY_OP) detail = binop_symbol(in.arg);
        else if (in.op == COMPARE_OP) { static const char* c[] = {"<", "<=", "==", "!=", ">", ">="}; detail = c[in.arg % 6]; }
        else if (op_is_jump(in.op)) detail = "to " + std::to_string(in.arg);
        if (!detail.empty()) row += " (" + detail + ")";
      }
      out += row + "\n";
    }
    out += "\n";
    for (auto& c : co->consts)
      if (c->tag == Tag::Code) dump(c.as<CodeObj>());
  };
  dump(cr.code.as<CodeObj>());
  set_current_vm(nullptr);
  return out;
}

}  // namespace pitfall::sim
