#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <sys/stat.h>

#include "cli/cli.h"

namespace pitfall::cli {

int usage_error(const std::string& what) {
  std::cerr << "pitfall: error: " << what << "\n";
  return kUsage;
}

std::optional<std::string> read_file(const std::string& path, std::string& why) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    why = path + ": " + (errno == ENOENT ? std::string("no such file or directory") : std::strerror(errno));
    return std::nullopt;
  }
  if (S_ISDIR(st.st_mode)) {
    why = path + ": is a directory";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    why = path + ": cannot be read (" + std::strerror(errno) + ")";
    return std::nullopt;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) {
    why = path + ": read failed";
    return std::nullopt;
  }
  return ss.str();
}

}  // namespace pitfall::cli
