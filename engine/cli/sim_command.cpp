// `pitfall run|sim|dis FILE [options]`
#include "cli/cli.h"

namespace pitfall::cli {

int sim_main(const std::string& command, const std::vector<std::string>& args) {
  return usage_error(command + ": the simulator is not part of this build yet");
}

}  // namespace pitfall::cli
