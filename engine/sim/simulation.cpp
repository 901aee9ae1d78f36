// Simulation: compiles the program, runs the VM in slices and fills the report.
#include "sim/vm/name_suggestions.h"
#include "sim/simulation.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "sim/compiler/compiler.h"
#include "sim/costs/cost_table.h"
#include "sim/modules/asyncio_state.h"
#include "sim/modules/exception_groups.h"
#include "sim/sched/trace_export.h"
#include "sim/vm/steady_state.h"
#include "sim/vm/thread_runtime.h"
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
  if (!std::isfinite(o.page_fault_ns) || o.page_fault_ns > 1e9)
    return "--page-fault-ns: must be a number of nanoseconds below 1e9";
  return "";
}

struct Simulation::Impl {
  Options opt;
  std::string filename, source;
  std::unique_ptr<VM> vm;
  std::unique_ptr<ThreadRuntime> threads;  // the program's threads on the scheduler (after vm: destroyed first)
  std::optional<costs::CostTable> table;
  bool finished = false, started = false;
  std::string status = "running", error;
  bool estimated = false;  // wall/cpu time extrapolated past the budget (vm/steady_state.h)
  std::string estimate_note;
  std::optional<std::string> exception;
  std::size_t base = 0;
};

// The main module's frame becomes the main thread of a scheduler built from
// the options (GIL or free-threaded cores, switch interval) and the cost table.
static std::unique_ptr<ThreadRuntime> start_threads(VM& vm, const Options& opt, const costs::CostTable* table) {
  sched::SchedConfig sc;
  sc.gil = !opt.free_threaded;
  sc.cores = opt.cores;
  sc.switch_interval = sched::from_seconds(std::min(opt.switch_interval, 9e9));
  if (table) sc.handoff = sched::Nanos(table->param("gil.handoff_ns", double(sc.handoff)));
  // a waiter woken by a blocking call's drop_gil(): a futex wake-up on an idle core
  sc.wake = sched::Nanos(table ? table->param("gil.wake_ns", 25'000) : 25'000);
  // a lock release hands the lock to a waiter parked this long (none by default: 3.11 and
  // 3.13 both let the releaser barge, tools/bench/lock_fairness.py)
  if (table) sc.lock_fair_after = sched::Nanos(table->param("lock.fair_after_ns", -1));
  // the thread that runs first after the process was idle pays the cold wake-up (tools/bench/wake_cold.py)
  if (table) {
    sc.cold_resume = sched::Nanos(table->param("thread.cold_resume_ns", 0));
    sc.cold_resume_from = sched::Nanos(table->param("thread.cold_resume_from_ns", double(sc.cold_resume_from)));
    sc.cold_resume_full = sched::Nanos(table->param("thread.cold_resume_full_ns", double(sc.cold_resume_full)));
  }
  sched::ProcConfig pc = table ? sched::ProcConfig::from(*table, opt.cores) : sched::ProcConfig{};
  pc.cores = opt.cores;
  std::unique_ptr<ThreadRuntime> t(new ThreadRuntime(vm, sc, pc));
  t->add_main();
  return t;
}

// "FILE:LINE: deadlock: ..." located at the main thread's blocked call, with
// where each blocked thread stands.
static std::string deadlock_message(ThreadRuntime& T, const std::string& filename) {
  auto line_of = [&](sched::ThreadId t) {
    VmThread* th = T.thread(t);
    if (!th) return 0;
    for (auto it = th->frames.rbegin(); it != th->frames.rend(); ++it) {
      Frame* f = *it;
      if (f->code->library) continue;
      int ip = f->ip > 0 ? f->ip - 1 : 0;
      return ip < int(f->code->pos.size()) ? f->code->pos[size_t(ip)].line : 0;
    }
    return 0;
  };
  std::string where;
  int first = 0;
  const auto& ts = T.sched.threads();
  for (size_t i = 0; i < ts.size(); ++i) {
    int ln = line_of(sched::ThreadId(i));  // threads still inside their code (the run ended: all are `done` now)
    if (ln <= 0) continue;
    if (!first) first = ln;
    where += "\n  `" + ts[i].name + "` is blocked at " + filename + ":" + std::to_string(ln);
  }
  if (!first) first = int(T.vm.source_lines.size());  // stuck at exit, after the program's last line
  return filename + ":" + std::to_string(first) + ": " + T.sched.deadlock() + where +
         "\n  (CPython would hang here forever)";
}

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
  if (I.table && I.opt.page_fault_ns >= 0) {
    // the host's figure for growth into new memory; fresh mappings keep the
    // table's (Options::page_fault_ns)
    if (!I.table->has_param("memory.mapped_fault_ns"))
      I.table->set_param("memory.mapped_fault_ns", I.table->param("memory.page_fault_ns", 0));
    I.table->set_param("memory.page_fault_ns", I.opt.page_fault_ns);
  }
  if (I.table) {
    vm.cost_table = &*I.table;
    for (int op = 0; op < kOpCount; ++op) vm.op_cost[op] = I.table->op_ns(op_name(unfused_op(op)));
    for (int v = 1; v < CV_COUNT; ++v) {
      const CostVariantInfo& cv = cost_variant_info(v);
      vm.variant_delta[v] = I.table->op_ns(cv.key) - vm.op_cost[cv.op];
    }
    vm.free_cascade.configure(I.table->param("memory.free_cold_extra_ns", 0),
                              std::int64_t(I.table->param("memory.free_cached_objects", 0)));
  }
  CompileResult cr = compile_module(vm.rt, I.filename, I.source);
  if (!cr.code) {
    I.finished = true;
    if (cr.error_type == "SyntaxError" || cr.error_type == "IndentationError" || cr.error_type == "TabError") {
      I.status = "exception";
      std::string line = cr.line >= 1 && cr.line <= int(vm.source_lines.size()) ? vm.source_lines[size_t(cr.line - 1)] : "";
      vm.err += "  File \"" + I.filename + "\", line " + std::to_string(cr.line) + "\n";
      size_t indent = line.find_first_not_of(" \t");
      if (indent != std::string::npos) {
        vm.err += "    " + line.substr(indent) + "\n";
        int caret = cr.col - 1 - int(indent);
        // as many carets as the offending node covers on its first line (3.11+ print_error_text)
        int width = cr.end_line == cr.line && cr.end_col > cr.col ? cr.end_col - cr.col
                    : cr.end_line > cr.line ? int(line.size()) + 1 - cr.col : 1;
        if (cr.col >= 0)  // -1: no caret
          vm.err += "    " + std::string(size_t(caret > 0 ? caret : 0), ' ') + std::string(size_t(width > 0 ? width : 1), '^') + "\n";
      }
      vm.err += cr.error_type + ": " + cr.error + "\n";
      I.exception = cr.error_type + ": " + cr.error;
    } else {
      I.status = "error";
      I.error = I.filename + ":" + std::to_string(cr.line) + ":" + std::to_string(cr.col) + ": " + cr.error;
      vm.err += I.error + "\n";
    }
    return;
  }
  vm.err += format_warnings(cr, I.filename, I.source);  // (compile-time SyntaxWarnings come first)
  // built-in types defined in Python source, made before the program's clock
  // starts and outside the program's instruction budget (a tiny budget must
  // stop the program, not the interpreter's own set-up)
  vm.budget = std::numeric_limits<std::uint64_t>::max();
  const bool groups_ok = vm.python_minor() < 11 || install_exception_groups(vm);
  vm.budget = I.opt.budget_instructions;
  if (!groups_ok) {
    I.finished = true;
    I.status = "error";
    I.error = "internal: " + vm.format_exception(vm.exc);
    vm.err += I.error;
    return;
  }
  vm.instructions = 0;
  vm.clock_ns = vm.cpu_ns = 0;
  Ref mod = make<ModuleObj>(vm.rt.module_t, "__main__");
  mod.as<ModuleObj>()->dict = vm.rt.make_dict();
  DictObj* g = mod.as<ModuleObj>()->dict.as<DictObj>();
  vm.dict_set(g, vm.rt.intern("__name__"), vm.rt.make_str("__main__"));
  vm.dict_set(g, vm.rt.intern("__builtins__"), vm.builtins);
  vm.dict_set(g, vm.rt.intern("__file__"), vm.rt.make_str(I.filename));
  vm.main_module = mod;
  vm.dict_set(vm.modules.as<DictObj>(), vm.rt.intern("__main__"), mod);
  vm.memory.reset(new VmMemory(vm, std::stoi(I.opt.python.substr(2)), std::int64_t(I.opt.memory_limit)));
  if (!I.opt.gc_start_count.empty()) vm.memory->gc().set_interpreter_start(I.opt.gc_start_count, I.opt.gc_start_old_objects);
  if (!I.opt.gc_start_free_lists.empty()) vm.memory->gc().set_free_lists(I.opt.gc_start_free_lists);
  vm.memory->adopt_globals(g, 8);
  Frame* f = vm.new_frame(nullptr, cr.code.as<CodeObj>(), mod.as<ModuleObj>()->dict, nullptr);
  vm.frames.push_back(f);
  I.threads = start_threads(vm, I.opt, I.table ? &*I.table : nullptr);
  set_current_vm(nullptr);
}

Simulation::~Simulation() {
  if (impl_->vm) set_current_vm(impl_->vm.get());
  impl_->threads.reset();
  impl_->vm.reset();
  set_current_vm(nullptr);
}

bool Simulation::step(std::uint64_t max_instructions) {
  auto& I = *impl_;
  if (I.finished) return true;
  VM& vm = *I.vm;
  set_current_vm(&vm);
  vm.slice_end = vm.instructions + (max_instructions ? max_instructions : 1);
  ThreadRuntime& T = *I.threads;
  // each dispatch runs a thread to its next stop or handles one timer; a
  // dispatch that runs no instruction still moves virtual time forward
  for (std::uint64_t d = 0; d < max_instructions + 1000 && !T.sched.finished() && !T.budget_stop &&
                            vm.instructions < vm.slice_end; ++d)
    T.sched.run(1);
  if (!T.sched.finished() && !T.budget_stop) { set_current_vm(nullptr); return false; }
  I.finished = true;
  Stop s = T.budget_stop || T.thread(0)->uncaught ? Stop::Exception : Stop::Returned;
  if (T.budget_stop) vm.budget_exceeded = true;
  vm.exc = T.thread(0)->uncaught;
  if (!T.sched.deadlock().empty()) {
    I.status = "error";
    I.error = deadlock_message(T, I.filename);
    vm.err += "pitfall: " + I.error + "\n";
    set_current_vm(nullptr);
    return true;
  }
  if (s == Stop::Exception) {
    Ref e = std::move(vm.exc);
    if (vm.budget_exceeded) {
      I.status = "budget";
      I.error = "the instruction budget (" + std::to_string(vm.budget) + (vm.budget == 1 ? " instruction" : " instructions") + ") ran out; the program may loop forever or needs --budget-instructions";
      vm.err += "pitfall: " + I.error + "\n";
      const SteadyStateEstimate& est = vm.budget_estimate;
      if (est.ok && est.end_ns > vm.clock_ns) {
        I.estimated = true;
        I.estimate_note = est.note;
        vm.cpu_ns += est.end_ns - vm.clock_ns;
        vm.clock_ns = est.end_ns;
      }
    } else if (e && vm.isinstance(e, vm.rt.SystemExit)) {
      // handle_system_exit (Python/pythonrun.c): None or 0 exits quietly with 0, another int
      // exits with that status, anything else is printed to stderr and exits with 1
      Ref code = vm.getattr(e, vm.rt.intern("code").as<StrObj>());
      vm.exc.reset();
      bool quiet = !code || code.get() == vm.rt.None.get() || (code->tag == Tag::Int && code.as<IntObj>()->v == 0);
      I.status = quiet ? "ok" : "exception";
      if (!quiet) {
        std::string msg;
        if (vm.str_to(code, msg)) I.exception = "SystemExit: " + msg;
        vm.exc.reset();
        if (code->tag != Tag::Int && code->tag != Tag::BigInt) vm.err += msg + "\n";
      }
    } else if (e && e->cls == vm.rt.UnsupportedError) {
      I.status = "error";
      std::string msg;
      vm.str_to(e, msg);
      int line = 0;
      for (auto& te : e.as<ExceptionObj>()->trace) {  // innermost frame of the program's own code
        if (te.code.as<CodeObj>()->library) continue;
        line = te.code.as<CodeObj>()->pos[size_t(te.ip)].line;
        break;
      }
      I.error = I.filename + ":" + std::to_string(line) + ": " + msg;
      vm.err += format_exception_displayed(vm, e);  // vm/name_suggestions.h
      vm.err += "pitfall: " + I.error + "\n";
    } else if (e) {
      I.status = "exception";
      std::string tb = format_exception_displayed(vm, e);  // vm/name_suggestions.h
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

static std::string parallelism_note(const report::Report& r, const Options& opt, double interval_s);

report::Report Simulation::report() const {
  auto& I = *impl_;
  report::Report r;
  r.python = I.opt.python;
  r.free_threaded = I.opt.free_threaded;
  r.jit = I.opt.jit;
  r.status = I.status;
  r.error = I.error;
  r.estimated = I.estimated;
  r.estimate_note = I.estimate_note;
  r.exception = I.exception;
  if (!I.vm) return r;
  VM& vm = *I.vm;
  r.stdout_text = vm.out;
  r.stderr_text = vm.err;
  r.instructions = std::int64_t(vm.instructions);
  if (I.threads) {
    I.threads->sched.fill(r);  // threads[], gil, wall_s, cpu_s
    I.threads->procs.fill(r);  // processes[]
    for (auto& p : r.processes) r.cpu_s += p.cpu_s;
    r.gil_note = parallelism_note(r, I.opt, sched::to_seconds(I.threads->sched.switch_interval()));
    if (I.estimated) {  // the steady-state estimate extends the run past the scheduler's last event
      r.wall_s = std::max(r.wall_s, vm.clock_ns * 1e-9);
      r.cpu_s = std::max(r.cpu_s, vm.cpu_ns * 1e-9);
    }
  } else {
    r.wall_s = vm.clock_ns * 1e-9;
    r.cpu_s = vm.cpu_ns * 1e-9;
    report::ThreadLane main;
    main.name = "MainThread";
    main.start_s = 0;
    main.end_s = r.wall_s;
    main.cpu_s = r.cpu_s;
    main.segments.push_back({0, r.wall_s, "run"});
    r.threads.push_back(main);
  }
  fill_asyncio_report(vm, r);
  for (size_t i = 1; i < vm.lines.size(); ++i) {
    if (vm.lines[i].count == 0 && vm.lines[i].ns() == 0) continue;
    report::LineCost lc;
    lc.line = int(i);
    lc.time_s = vm.lines[i].ns() * 1e-9;
    lc.count = vm.lines[i].count;
    r.lines.push_back(lc);
  }
  if (vm.memory) vm.memory->fill(r);
  return r;
}

// Why the threads did or did not run in parallel, for the report.
static std::string processes_note(const report::Report& r, const Options& opt) {
  if (r.processes.empty()) return "";
  std::vector<std::pair<double, int>> edges;
  for (auto& p : r.processes)
    if (p.end_s > p.start_s) { edges.push_back({p.start_s, 1}); edges.push_back({p.end_s, -1}); }
  std::sort(edges.begin(), edges.end(), [](auto& a, auto& b) { return a.first != b.first ? a.first < b.first : a.second < b.second; });
  int cur = 0, most = 0;
  for (auto& e : edges) { cur += e.second; most = std::max(most, cur); }
  char buf[300];
  std::snprintf(buf, sizeof buf,
                "%d child processes, each with its own interpreter and GIL: up to %d compute at the same time on the "
                "%d cores (at most %d were alive at once here); what they exchange is pickled",
                int(r.processes.size()), opt.cores, opt.cores, most);
  return buf;
}

static std::string parallelism_note(const report::Report& r, const Options& opt, double interval_s) {
  if (r.threads.size() < 2) return processes_note(r, opt);
  // the most threads in `run` at one time
  std::vector<std::pair<double, int>> edges;
  for (auto& l : r.threads)
    for (auto& s : l.segments)
      if (s.state == "run" && s.end_s > s.start_s) { edges.push_back({s.start_s, 1}); edges.push_back({s.end_s, -1}); }
  std::sort(edges.begin(), edges.end(), [](auto& a, auto& b) { return a.first != b.first ? a.first < b.first : a.second < b.second; });
  int cur = 0, most = 0;
  for (auto& e : edges) { cur += e.second; most = std::max(most, cur); }
  char buf[400];
  if (opt.free_threaded)
    std::snprintf(buf, sizeof buf,
                  "free-threaded build: no GIL, so up to %d threads ran Python at the same time on %d cores (at most %d "
                  "did here); each instruction costs the free-threaded build's overhead (its cost table)",
                  opt.cores, opt.cores, most);
  else
    std::snprintf(buf, sizeof buf,
                  "%d threads shared one GIL: only its holder runs Python, so CPU-bound threads take turns every "
                  "switch interval (%g ms): %d switches, %.3f s spent waiting for the GIL; blocking calls (sleep, I/O, "
                  "lock waits) release it",
                  int(r.threads.size()), interval_s * 1e3, r.gil_switches, r.gil_wait_s);
  std::string note = buf;
  if (!r.processes.empty()) note += "; " + processes_note(r, opt);
  return note;
}

std::string Simulation::trace_json() const {
  report::Report r = report();
  sched::TraceInput in;
  in.report = &r;
  if (impl_->threads) {
    in.gil_spans = &impl_->threads->sched.gil_spans();
    in.gil_waiters = &impl_->threads->sched.gil_waiter_samples();
  }
  return sched::chrome_trace_json(in);
}

}  // namespace pitfall::sim
