// Entry point of the `pitfall` command line tool.
#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.h"

namespace {

constexpr const char* kUsageText = R"(usage: pitfall <command> [options]

commands:
  lint PATH... [--json|--sarif] [--select IDS] [--ignore IDS]
                         run the pitfall detectors on files and folders
  lint --explain RULE    what a rule flags, why, and what to write instead
  run FILE [options]     simulate a program; print its output as CPython would
  sim FILE [--json] [--trace-out FILE.json] [options]
                         simulate and print the report
  dis FILE               print the bytecode the simulator runs
  lesson check [DIR]     validate lessons

run/sim options: --python 3.10|3.11|3.12|3.13|3.14  --free-threaded  --jit  --cores N
                 --switch-interval S  --budget-instructions N  --memory-limit BYTES
                 --page-fault-ns NS (first-touch page fault on the host; default: the table's)
exit codes: 0 ok / no findings, 1 findings or the program raised, 2 usage or input error
)";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
    std::cout << kUsageText;
    return args.empty() ? pitfall::cli::kUsage : pitfall::cli::kOk;
  }
  std::string cmd = args[0];
  args.erase(args.begin());
  if (cmd == "lint") return pitfall::cli::lint_main(args);
  if (cmd == "run" || cmd == "sim") pitfall::cli::tune_host_allocator(argv);
  if (cmd == "run" || cmd == "sim" || cmd == "dis") return pitfall::cli::sim_main(cmd, args);
  if (cmd == "lesson") return pitfall::cli::lesson_main(args);
  std::cerr << kUsageText;
  return pitfall::cli::usage_error("unknown command `" + cmd + "`");
}
