// Exception groups and except* across versions, and eval/exec details that
// the table-driven programs (tests/sim/exceptions, tests/sim/functions) do not
// cover: 3.10 has neither (SyntaxError / NameError as CPython 3.10 gives),
// and the code of an except* statement lists the CPython 3.11 opcodes.
#include <catch2/catch.hpp>

#include "sim/simulation.h"
#include "test_support.h"

using pitfall::test::simulate;

TEST_CASE("except* is a SyntaxError before 3.11 and runs from 3.11", "[sim][exceptions]") {
  const std::string src =
      "try:\n"
      "    raise ExceptionGroup('eg', [ValueError(1), TypeError(2)])\n"
      "except* ValueError as e:\n"
      "    print('values', e.exceptions)\n"
      "except* TypeError:\n"
      "    print('types')\n";
  auto r10 = simulate("star.py", src, "3.10");
  CHECK(r10.status == "exception");
  CHECK(r10.stderr_text.find("SyntaxError: invalid syntax") != std::string::npos);
  CHECK(r10.stdout_text.empty());
  for (const char* v : {"3.11", "3.12", "3.13"}) {
    auto r = simulate("star.py", src, v);
    INFO(v << ": " << r.stderr_text);
    CHECK(r.status == "ok");
    CHECK(r.stdout_text == "values (ValueError(1),)\ntypes\n");
  }
  auto names = simulate("names.py", "print(ExceptionGroup)\n", "3.10");
  CHECK(names.status == "exception");
  CHECK(names.stderr_text.find("NameError: name 'ExceptionGroup' is not defined") != std::string::npos);
}

TEST_CASE("return, break and continue cannot leave an except* block", "[sim][exceptions]") {
  auto r = simulate("brk.py",
                    "for i in range(3):\n"
                    "    try:\n"
                    "        pass\n"
                    "    except* ValueError:\n"
                    "        break\n");
  CHECK(r.status == "exception");
  CHECK(r.stderr_text.find("SyntaxError: 'break', 'continue' and 'return' cannot appear in an except* block") !=
        std::string::npos);
  // a loop inside the handler may break out of itself
  auto ok = simulate("inner.py",
                     "try:\n"
                     "    raise ValueError(1)\n"
                     "except* ValueError:\n"
                     "    for i in range(5):\n"
                     "        if i == 2:\n"
                     "            break\n"
                     "    print('i', i)\n");
  CHECK(ok.status == "ok");
  CHECK(ok.stdout_text == "i 2\n");
}

TEST_CASE("exec and eval run through the simulator's compiler and clock", "[sim][eval]") {
  auto r = simulate("ev.py",
                    "import time\n"
                    "t = time.perf_counter()\n"
                    "exec('total = 0\\nfor i in range(20000):\\n    total += i')\n"
                    "print(total, eval('total // 2'), time.perf_counter() - t > 0)\n"
                    "eval('1 / 0')\n");
  CHECK(r.stdout_text == "199990000 99995000 True\n");
  CHECK(r.status == "exception");
  // the string's frame is named without a source line, as CPython prints it
  CHECK(r.stderr_text.find("  File \"<string>\", line 1, in <module>\nZeroDivisionError: division by zero\n") !=
        std::string::npos);
  CHECK(r.instructions > 20000 * 4);
}
