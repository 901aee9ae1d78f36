// `pitfall lesson check [DIR]`
#include "cli/cli.h"

namespace pitfall::cli {

int lesson_main(const std::vector<std::string>& args) {
  return usage_error("lesson: lessons are not part of this build yet");
}

}  // namespace pitfall::cli
