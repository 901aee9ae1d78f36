// The check that lets the dispatch loop run a code object without a bounds
// test per instruction (vm/code_check.h): every code object the compiler
// makes passes it (the programs of tests/sim and tests/corpus: generators,
// coroutines, try/except/finally, with, match, comprehensions, classes), and
// code that could leave its instructions fails it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "sim/compiler/compiler.h"
#include "sim/objects/runtime.h"
#include "sim/vm/code_check.h"

namespace fs = std::filesystem;
using namespace pitfall::sim;

namespace {
// the code object and every code object in its constants, depth first
void all_code(CodeObj* c, std::vector<CodeObj*>& out) {
  out.push_back(c);
  for (const Ref& k : c->consts)
    if (k && k->tag == Tag::Code) all_code(k.as<CodeObj>(), out);
}
}  // namespace

TEST_CASE("every code object the compiler makes passes the dispatch loop's code check", "[sim][dispatch]") {
  std::vector<fs::path> files;
  for (const char* dir : {"tests/sim", "tests/corpus"})
    for (auto& e : fs::recursive_directory_iterator(fs::path(PITFALL_SOURCE_DIR) / dir))
      if (e.path().extension() == ".py") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() > 50);
  ObjHeap heap;
  g_obj_heap = &heap;
  {
    Runtime rt;
    int compiled = 0;
    std::size_t codes = 0;
    for (const fs::path& p : files) {
      std::ifstream in(p, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      const CompileResult r = compile_module(rt, p.filename().string(), ss.str());
      if (!r.code) continue;  // a program that shows a SyntaxError
      ++compiled;
      std::vector<CodeObj*> all;
      all_code(r.code.as<CodeObj>(), all);
      codes += all.size();
      for (CodeObj* c : all) {
        INFO(p.string() << ": " << c->qualname);
        CHECK(code_runs_unchecked(*c));
      }
    }
    CHECK(compiled > 50);
    CHECK(codes > std::size_t(compiled));
  }
  g_obj_heap = nullptr;
}

TEST_CASE("code that could leave its instructions fails the dispatch loop's code check", "[sim][dispatch]") {
  ObjHeap heap;
  g_obj_heap = &heap;
  {
    Runtime rt;
    const CompileResult r = compile_module(rt, "loop.py", "for i in range(3):\n    if i:\n        print(i)\n");
    REQUIRE(r.code);
    CodeObj* c = r.code.as<CodeObj>();
    REQUIRE(code_runs_unchecked(*c));
    const std::vector<Instr> good = c->code;
    auto jump = std::find_if(c->code.begin(), c->code.end(), [](const Instr& in) { return in.op == FOR_ITER; });
    REQUIRE(jump != c->code.end());

    jump->arg = int(c->code.size());  // FOR_ITER's exit past the end
    CHECK_FALSE(code_runs_unchecked(*c));
    jump->arg = -1;
    CHECK_FALSE(code_runs_unchecked(*c));

    c->code = good;
    c->code.pop_back();  // the last instruction falls through
    CHECK_FALSE(code_runs_unchecked(*c));

    c->code = good;
    c->code.back().op = std::uint8_t(kOpCount);  // an unknown opcode
    CHECK_FALSE(code_runs_unchecked(*c));

    c->code.clear();
    CHECK_FALSE(code_runs_unchecked(*c));
    c->code = good;
  }
  g_obj_heap = nullptr;
}
