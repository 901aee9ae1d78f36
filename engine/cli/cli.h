// The `pitfall` command line (INTERFACES.md): shared helpers for subcommands.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace pitfall::cli {

// Exit codes.
constexpr int kOk = 0, kFindings = 1, kUsage = 2;

// Prints "pitfall: error: <what>" to stderr and returns kUsage.
int usage_error(const std::string& what);

// Reads a whole file; on failure returns nothing and sets `why`.
std::optional<std::string> read_file(const std::string& path, std::string& why);

int lint_main(const std::vector<std::string>& args);
int sim_main(const std::string& command, const std::vector<std::string>& args);  // run | sim | dis
// Restarts the process once with allocator settings suited to simulations (host_allocator.cpp).
void tune_host_allocator(char** argv);
// Ends the process with `code` once a simulation's output is written, without
// freeing its objects one by one (host_allocator.cpp); returns `code` where
// that is not done.
int exit_after_simulation(int code);
int lesson_main(const std::vector<std::string>& args);

}  // namespace pitfall::cli
