// Simulation: compiles the program, runs the VM in slices and fills the report.
#include "sim/simulation.h"

#include <cmath>

#include "sim/compiler/compiler.h"
#include "sim/costs/cost_table.h"
#include "sim/vm/vm.h"
#include "sim/vm/vm_memory.h"

namespace pitfall::sim {

std::string validate(const Options& o) {
  static const char* versions[] = {"3.10", "3.11", "3.12", "3.13", "3.14"};
  bool ok = false;
  for (auto* v : versions) if (o.python == v) ok = true;
  if (!ok) return "--python: unknown version '" + o.python + "' (expected 3.10, 3.11, 3.12, 3.13 or 3.14)";
  if (o.free_threaded && o.python != "3.13" && o.python != "3.14") return "--free-threaded: needs --python 3.13 or 3.14";
  if (o.jit && (o.python != "3.13" && o.python != "3.14")) return "--jit: needs --python 3.13 or 3.14";
  if (o.cores < 1 || o.cores > 256) return "--cores: must be between 1 and 256";
  if (!(o.switch_interval > 0) || !std::isfinite(o.switch_interval)) return "--switch-interval: must be a positive number of seconds";
  if (o.budget_instructions == 0) return "--budget-instructions: must be positive";
  if (o.memory_limit == 0) return "--memory-limit: must be positive";
  return "";
}

struct Simulation::Impl {
  Options opt;
  std::string filename, source;
  std::unique_ptr<VM> vm;
  std::optional<costs::CostTable> table;
  bool finished = false, started = false;
  std::string status = "running", error;
  std::optional<std::string> exception;
  std::size_t base = 0;
};

Simulation::Simulation(std::string filename, std::string source, Options options) : impl_(new Impl) {
  impl_->opt = std::move(options);
  impl_->filename = std::move(filename);
  impl_->source = std::move(source);
  std::string v = validate(impl_->opt);
  if (!v.empty()) {
    impl_->finished = true;
    impl_->status = "error";
    impl_->error = v;
    return;
  }
  auto& I = *impl_;
  I.vm.reset(new VM(I.filename, I.source, I.opt.python));
  VM& vm = *I.vm;
  vm.budget = I.opt.budget_instructions;
  vm.memory_limit = I.opt.memory_limit;
  vm.switch_interval = I.opt.switch_interval;
  std::string err;
  I.table = costs::CostTable::load(I.opt.python, I.opt.free_threaded, I.opt.jit, err);
  if (I.table) {
    vm.cost_table = &*I.table;
    for (int op = 0; op < kOpCount; ++op) vm.op_cost[op] = I.table->op_ns(op_name(op));
  }
  CompileResult cr = compile_module(vm.rt, I.filename, I.source);
  if (!cr.code) {
    I.finished = true;
    if (cr.error_type == "SyntaxError") {
      I.status = "exception";
      std::string line = cr.line >= 1 && cr.line <= int(vm.source_lines.size()) ? vm.source_lines[size_t(cr.line - 1)] : "";
      vm.err += "  File \"" + I.filename + "\", line " + std::to_string(cr.line) + "\n";
      size_t indent = line.find_first_not_of(" \t");
      if (indent != std::string::npos) {
        vm.err += "    " + line.substr(indent) + "\n";
        int caret = cr.col - 1 - int(indent);
        vm.err += "    " + std::string(size_t(caret > 0 ? caret : 0), ' ') + "^\n";
      }
      vm.err += "SyntaxError: " + cr.error + "\n";
      I.exception = "SyntaxError: " + cr.error;
    } else {
      I.status = "error";
      I.error = I.filename + ":" + std::to_string(cr.line) + ":" + std::to_string(cr.col) + ": " + cr.error;
      vm.err += I.error + "\n";
    }
    return;
  }
  Ref mod = make<ModuleObj>(vm.rt.module_t, "__main__");
  mod.as<ModuleObj>()->dict = vm.rt.make_dict();
  DictObj* g = mod.as<ModuleObj>()->dict.as<DictObj>();
  vm.dict_set(g, vm.rt.intern("__name__"), vm.rt.make_str("__main__"));
  vm.dict_set(g, vm.rt.intern("__builtins__"), vm.builtins);
  vm.dict_set(g, vm.rt.intern("__file__"), vm.rt.make_str(I.filename));
  vm.main_module = mod;
  vm.dict_set(vm.modules.as<DictObj>(), vm.rt.intern("__main__"), mod);
  vm.memory.reset(new VmMemory(vm, std::stoi(I.opt.python.substr(2)), std::int64_t(I.opt.memory_limit)));
  vm.memory->adopt_globals(g, 8);
  Frame* f = vm.new_frame(nullptr, cr.code.as<CodeObj>(), mod.as<ModuleObj>()->dict, nullptr);
  vm.frames.push_back(f);
  set_current_vm(nullptr);
}

Simulation::~Simulation() {
  if (impl_->vm) set_current_vm(impl_->vm.get());
  impl_->vm.reset();
  set_current_vm(nullptr);
}

bool Simulation::step(std::uint64_t max_instructions) {
  auto& I = *impl_;
  if (I.finished) return true;
  VM& vm = *I.vm;
  set_current_vm(&vm);
  vm.slice_end = vm.instructions + (max_instructions ? max_instructions : 1);
  Ref result;
  Stop s = vm.eval(0, result);
  if (s == Stop::Slice) { set_current_vm(nullptr); return false; }
  I.finished = true;
  if (s == Stop::Exception) {
    Ref e = std::move(vm.exc);
    if (vm.budget_exceeded) {
      I.status = "budget";
      I.error = "the instruction budget (" + std::to_string(vm.budget) + " instructions) ran out; the program may loop forever or needs --budget-instructions";
      vm.err += "pitfall: " + I.error + "\n";
    } else if (e && e->cls == vm.rt.SystemExit) {
      I.status = "ok";
    } else if (e && e->cls == vm.rt.UnsupportedError) {
      I.status = "error";
      std::string msg;
      vm.str_to(e, msg);
      int line = 0;
      if (!e.as<ExceptionObj>()->trace.empty()) {
        auto& te = e.as<ExceptionObj>()->trace.front();
        line = te.code.as<CodeObj>()->pos[size_t(te.ip)].line;
      }
      I.error = I.filename + ":" + std::to_string(line) + ": " + msg;
      vm.err += vm.format_exception(e);
      vm.err += "pitfall: " + I.error + "\n";
    } else if (e) {
      I.status = "exception";
      std::string tb = vm.format_exception(e);
      if (e->cls == vm.rt.ModuleNotFoundError) tb += "note: the simulator models only some modules; this one is not modelled\n";
      vm.err += tb;
      std::string msg;
      vm.str_to(e, msg);
      vm.exc.reset();
      I.exception = e->cls->name + (msg.empty() ? "" : ": " + msg);
    }
  } else {
    I.status = "ok";
  }
  set_current_vm(nullptr);
  return true;
}

bool Simulation::finished() const { return impl_->finished; }

report::Report Simulation::report() const {
  auto& I = *impl_;
  report::Report r;
  r.python = I.opt.python;
  r.free_threaded = I.opt.free_threaded;
  r.jit = I.opt.jit;
  r.status = I.status;
  r.error = I.error;
  r.exception = I.exception;
  if (!I.vm) return r;
  VM& vm = *I.vm;
  r.stdout_text = vm.out;
  r.stderr_text = vm.err;
  r.instructions = std::int64_t(vm.instructions);
  r.wall_s = vm.clock_ns * 1e-9;
  r.cpu_s = vm.cpu_ns * 1e-9;
  report::ThreadLane main;
  main.name = "MainThread";
  main.start_s = 0;
  main.end_s = r.wall_s;
  main.cpu_s = r.cpu_s;
  main.segments.push_back({0, r.wall_s, "run"});
  r.threads.push_back(main);
  for (size_t i = 1; i < vm.lines.size(); ++i) {
    if (vm.lines[i].count == 0 && vm.lines[i].ns == 0) continue;
    report::LineCost lc;
    lc.line = int(i);
    lc.time_s = vm.lines[i].ns * 1e-9;
    lc.count = vm.lines[i].count;
    r.lines.push_back(lc);
  }
  if (vm.memory) vm.memory->fill(r);
  return r;
}

}  // namespace pitfall::sim
