// `pitfall sim --json` as a user runs it: the report carries the file's static
// findings, and a finding whose pitfall showed up in the run carries evidence
// from it (issue 8: "the report joins them").
#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

std::string run_cli(const std::string& args, int& code) {
  std::string cmd = std::string(PITFALL_CLI) + " " + args + " 2>/dev/null";
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  REQUIRE(p);
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  int status = ::pclose(p);
  code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

}  // namespace

TEST_CASE("sim --json: findings joined with simulation evidence") {
  fs::path dir = fs::temp_directory_path() / ("pitfall_sim_evidence_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path file = dir / "stall.py";
  std::ofstream(file) << "import asyncio\n"
                         "import time\n"
                         "\n"
                         "async def handler():\n"
                         "    time.sleep(0.2)\n"
                         "\n"
                         "async def main():\n"
                         "    await asyncio.gather(handler(), handler())\n"
                         "\n"
                         "asyncio.run(main())\n";
  int code = -1;
  std::string out = run_cli("sim --json --python 3.11 " + file.string(), code);
  fs::remove_all(dir);
  REQUIRE(code == 0);
  auto report = nlohmann::json::parse(out);
  REQUIRE(report["findings"].is_array());
  const nlohmann::json* blocking = nullptr;
  for (const auto& f : report["findings"])
    if (f["rule"] == "blocking-call-in-async") blocking = &f;
  REQUIRE(blocking);
  CHECK((*blocking)["line"] == 5);
  CHECK((*blocking)["fix"]["title"] == "Use `await asyncio.sleep(...)`");
  // The evidence sentence comes from the report's loop stalls at that line.
  bool stalled_here = false;
  for (const auto& s : report["loop"]["stalls"])
    if (s["line"] == 5 && s["dur_ms"].get<double>() >= 199) stalled_here = true;
  CHECK(stalled_here == blocking->contains("evidence"));
  if (stalled_here) {
    std::string evidence = (*blocking)["evidence"];
    CHECK(evidence.find("stalled the event loop 200 ms") != std::string::npos);
  }
}
