// `pitfall lint` as a user runs it: exit codes, JSON shape, and located
// messages for bad input (missing, unreadable, non-UTF-8 files, syntax errors).
#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

struct Result {
  int code = -1;
  std::string out, err;
};

Result run(const std::string& args) {
  fs::path err = fs::temp_directory_path() / ("pitfall_cli_err_" + std::to_string(::getpid()));
  std::string cmd = std::string(PITFALL_CLI) + " " + args + " 2>" + err.string();
  Result r;
  FILE* p = ::popen(cmd.c_str(), "r");
  REQUIRE(p);
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  int status = ::pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream in(err);
  r.err.assign(std::istreambuf_iterator<char>(in), {});
  fs::remove(err);
  return r;
}

fs::path scratch(const std::string& name, const std::string& content) {
  fs::path dir = fs::temp_directory_path() / ("pitfall_cli_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path p = dir / name;
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << content;
  return p;
}

}  // namespace

TEST_CASE("lint: clean file exits 0, findings exit 1 with JSON per INTERFACES.md") {
  auto clean = scratch("clean.py", "def f(x=None):\n    return x\n");
  auto r = run("lint " + clean.string());
  CHECK(r.code == 0);
  CHECK(r.out.find("All checks passed") != std::string::npos);

  auto bad = scratch("bad.py", "x = 1\n\ndef f(a, b=[]):\n    return b\n");
  r = run("lint --json " + bad.string());
  REQUIRE(r.code == 1);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j.is_array());
  REQUIRE(j.size() == 1);
  CHECK(j[0]["rule"] == "mutable-default-argument");
  CHECK(j[0]["ruff"] == "B006");
  CHECK(j[0]["line"] == 3);
  CHECK(j[0]["col"] == 12);
  CHECK(j[0]["end_col"] == 14);
  CHECK(j[0]["fix"]["edits"][0]["text"] == "None");

  r = run("lint " + bad.string());
  CHECK(r.code == 1);
  CHECK(r.out.find(":3:12: B006 [mutable-default-argument]") != std::string::npos);
  CHECK(r.out.find("^^") != std::string::npos);
}

TEST_CASE("lint: columns count code points, not bytes") {
  auto f = scratch("uni.py", "def f(ä='é', b=[]):\n    pass\n");
  auto r = run("lint --json " + f.string());
  REQUIRE(r.code == 1);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j[0]["col"] == 16);  // d,e,f, ,f,(,ä,=,',é,',,, ,b,=,[
}

TEST_CASE("lint: folders recurse into *.py files") {
  auto a = scratch("pkg/a.py", "def f(x=[]): pass\n");
  scratch("pkg/notes.txt", "def f(x=[]): pass\n");
  auto r = run("lint --json " + a.parent_path().string());
  REQUIRE(r.code == 1);
  CHECK(nlohmann::json::parse(r.out).size() == 1);
}

TEST_CASE("lint: bad input gives a message naming the file, exit 2, never a crash") {
  auto r = run("lint /nonexistent/nope.py");
  CHECK(r.code == 2);
  CHECK(r.err.find("/nonexistent/nope.py: no such file or directory") != std::string::npos);

  auto latin1 = scratch("latin1.py", std::string("x = 1\ns = '\xe9t\xe9'\n"));
  r = run("lint " + latin1.string());
  CHECK(r.code == 2);
  CHECK(r.err.find("latin1.py:2:6: not valid UTF-8") != std::string::npos);

  if (::geteuid() != 0) {  // root can read anything
    auto locked = scratch("locked.py", "x = 1\n");
    ::chmod(locked.c_str(), 0);
    r = run("lint " + locked.string());
    CHECK(r.code == 2);
    CHECK(r.err.find("locked.py: cannot be read") != std::string::npos);
  }

  r = run("lint");
  CHECK(r.code == 2);
  CHECK(r.err.find("no PATH") != std::string::npos);
  r = run("lint --bogus x.py");
  CHECK(r.code == 2);
  CHECK(r.err.find("unknown option `--bogus`") != std::string::npos);
  r = run("lint --select no-such-rule x.py");
  CHECK(r.code == 2);
  CHECK(r.err.find("unknown rule `no-such-rule`") != std::string::npos);
  r = run("frobnicate");
  CHECK(r.code == 2);
  CHECK(r.err.find("unknown command `frobnicate`") != std::string::npos);
}

TEST_CASE("lint: syntax errors are located findings") {
  auto f = scratch("broken.py", "def ok():\n    return 1\n\nx = (1, 2\ny = 3\n");
  auto r = run("lint --json " + f.string());
  REQUIRE(r.code == 1);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(!j.empty());
  CHECK(j[0]["rule"] == "syntax-error");
  CHECK(j[0]["severity"] == "error");
  CHECK(j[0]["line"].get<int>() >= 4);
  CHECK(j[0]["line"].get<int>() <= 5);

  auto missing_colon = scratch("colon.py", "if x\n    pass\n");
  r = run("lint --json " + missing_colon.string());
  REQUIRE(r.code == 1);
  j = nlohmann::json::parse(r.out);
  CHECK(j[0]["line"] == 1);
  CHECK(j[0]["message"].get<std::string>().find("`:`") != std::string::npos);

  auto unclosed = scratch("paren.py", "total = sum(\n    [1, 2, 3]\n\nprint(total)\n");
  r = run("lint --json " + unclosed.string());
  REQUIRE(r.code == 1);
  j = nlohmann::json::parse(r.out);
  CHECK(j[0]["line"] == 1);
  CHECK(j[0]["col"] == 12);
  CHECK(j[0]["message"].get<std::string>().find("`(` was never closed") != std::string::npos);
}

TEST_CASE("lint: noqa suppresses by rule id or Ruff code; --select/--ignore filter") {
  auto f = scratch("noqa.py",
                   "def a(x=[]):  # noqa: B006\n    pass\n"
                   "def b(x=[]):  # noqa: mutable-default-argument\n    pass\n"
                   "def c(x=[]):  # noqa: E501\n    pass\n"
                   "def d(x=[]):  # noqa\n    pass\n");
  auto r = run("lint --json " + f.string());
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j.size() == 1);
  CHECK(j[0]["line"] == 5);
  r = run("lint --json --ignore B006 " + f.string());
  CHECK(r.code == 0);
  r = run("lint --json --select mutable-default-argument " + f.string());
  CHECK(r.code == 1);
}

TEST_CASE("lint: SARIF 2.1.0 output") {
  auto f = scratch("sarif.py", "def f(x={}):\n    pass\n");
  auto r = run("lint --sarif " + f.string());
  REQUIRE(r.code == 1);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["version"] == "2.1.0");
  auto& res = j["runs"][0]["results"][0];
  CHECK(res["ruleId"] == "mutable-default-argument");
  CHECK(res["locations"][0]["physicalLocation"]["region"]["startLine"] == 1);
}

TEST_CASE("lint --explain: a rule's doc by id or Ruff code; unknown ids are usage errors") {
  auto r = run("lint --explain mutable-default-argument");
  CHECK(r.code == 0);
  CHECK(r.out.find("## mutable-default-argument") != std::string::npos);
  CHECK(r.out.find("### Why is this bad?") != std::string::npos);
  CHECK(r.out.find("Ruff: B006") != std::string::npos);
  auto by_code = run("lint --explain B006");
  CHECK(by_code.code == 0);
  CHECK(by_code.out == r.out);
  auto bad = run("lint --explain no-such-rule");
  CHECK(bad.code == 2);
  CHECK(bad.err.find("unknown rule `no-such-rule`") != std::string::npos);
}
