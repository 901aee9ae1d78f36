// `pitfall run|sim|dis FILE [options]`
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "cli/cli.h"
#include "report/json.h"
#include "rules/evidence.h"
#include "sim/simulation.h"

namespace pitfall::cli {

namespace {
bool parse_u64(const std::string& s, std::uint64_t& out) {
  if (s.empty() || s[0] == '-') return false;
  char* end = nullptr;
  double d = std::strtod(s.c_str(), &end);
  if (*end || !(d >= 1) || d > 1.8e19) return false;
  out = static_cast<std::uint64_t>(d);
  return true;
}
}  // namespace

int sim_main(const std::string& command, const std::vector<std::string>& args) {
  sim::Options opt;
  std::string file;
  bool json = false;
  std::string trace_out;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& out) -> bool {
      if (i + 1 >= args.size()) return false;
      out = args[++i];
      return true;
    };
    std::string v;
    if (a == "--json") json = true;
    else if (a == "--free-threaded") opt.free_threaded = true;
    else if (a == "--jit") opt.jit = true;
    else if (a == "--python") { if (!value(v)) return usage_error("--python needs a value"); opt.python = v; }
    else if (a == "--cores") {
      if (!value(v)) return usage_error("--cores needs a value");
      char* end = nullptr;
      long n = std::strtol(v.c_str(), &end, 10);
      if (*end || v.empty()) return usage_error("--cores: '" + v + "' is not a whole number");
      opt.cores = int(n);
    } else if (a == "--switch-interval") {
      if (!value(v)) return usage_error("--switch-interval needs a value");
      char* end = nullptr;
      opt.switch_interval = std::strtod(v.c_str(), &end);
      if (*end || v.empty()) return usage_error("--switch-interval: '" + v + "' is not a number");
    } else if (a == "--budget-instructions") {
      if (!value(v) || !parse_u64(v, opt.budget_instructions)) return usage_error("--budget-instructions: needs a positive whole number");
    } else if (a == "--memory-limit") {
      if (!value(v) || !parse_u64(v, opt.memory_limit)) return usage_error("--memory-limit: needs a positive number of bytes");
    } else if (a == "--page-fault-ns") {
      if (!value(v)) return usage_error("--page-fault-ns needs a value");
      char* end = nullptr;
      opt.page_fault_ns = std::strtod(v.c_str(), &end);
      if (*end || v.empty() || opt.page_fault_ns < 0) return usage_error("--page-fault-ns: '" + v + "' is not a number of nanoseconds");
    } else if (a == "--trace-out") {
      if (!value(v)) return usage_error("--trace-out needs a file name");
      trace_out = v;
    } else if (!a.empty() && a[0] == '-') {
      return usage_error(command + ": unknown option " + a);
    } else if (file.empty()) {
      file = a;
    } else {
      return usage_error(command + ": only one FILE is accepted");
    }
  }
  if (file.empty()) return usage_error(command + ": missing FILE");
  std::string why;
  auto text = read_file(file, why);
  if (!text) return usage_error(why);
  if (command == "dis") {
    std::cout << sim::disassemble(file, *text);
    return kOk;
  }
  std::string bad = sim::validate(opt);
  if (!bad.empty()) return usage_error(bad);
  sim::Simulation s(file, *text, opt);
  while (!s.step(1'000'000)) {
  }
  report::Report r = s.report();
  if (!trace_out.empty()) {
    std::ofstream out(trace_out, std::ios::binary);
    out << s.trace_json();
    if (!out) return usage_error("--trace-out: cannot write " + trace_out);
  }
  if (command != "run") rules::join_findings(r, file, *text);  // static findings, with what this run showed about them
  if (command == "run") {
    std::cout << r.stdout_text;
    std::cerr << r.stderr_text;
  } else if (json) {
    std::cout << report::to_json(r).dump(2) << "\n";
  } else {
    std::cout << r.stdout_text;
    std::cerr << r.stderr_text;
    std::cerr << "status: " << r.status << ", instructions: " << r.instructions << ", wall: " << r.wall_s << " s, cpu: " << r.cpu_s << " s\n";
    for (const auto& f : r.findings)
      if (!f.evidence.empty())
        std::cerr << file << ":" << f.line << ":" << f.col << ": " << f.rule << ": " << f.evidence << "\n";
  }
  // (the simulation's heap goes with the process: see exit_after_simulation)
  return exit_after_simulation(r.status == "error" ? kUsage : r.status == "ok" ? kOk : kFindings);
}

}  // namespace pitfall::cli
