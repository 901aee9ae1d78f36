// The VM runs some pairs of instructions with one dispatch (fused pairs:
// sim/vm/fused_pairs.h): a host speed change only. The whole report (output,
// errors and their lines, instruction count, clock, per-line time and
// counts, memory, threads) must be the one the instructions run one by one
// give, in the cases that need care: an unbound local in either instruction
// of a pair, the instruction budget running out between the two, a thread's
// slice ending, the memory layer's work (a __del__ run by the first's store)
// and a collection due between them, the str += in place test that looks at
// the next instruction, loops ended by FOR_ITER, both jumps of a compare, the
// generic paths of BINARY_OP and COMPARE_OP, and pairs spread over lines.
#include <catch2/catch.hpp>

#include <iterator>
#include <string>
#include <vector>

#include "report/json.h"
#include "sim/vm/fused_pairs.h"
#include "test_support.h"

namespace {
std::string report_json(const std::string& src, pitfall::sim::Options o, bool fused) {
  pitfall::sim::g_fused_pairs = fused;
  const auto r = pitfall::test::simulate("pairs.py", src, o, 1'000'000);
  pitfall::sim::g_fused_pairs = true;
  return pitfall::report::to_json(r).dump();
}

struct Case {
  const char* src;
  std::uint64_t budget = 200'000'000;
  const char* status = "ok";
};

const Case kCases[] = {
    // loops of locals, constants, int and float arithmetic, compares both ways, strings built in place
    {R"(def count(n):
    total = 0
    while n > 0:
        total += n & 7
        n -= 1
    return total
def mix(xs):
    a = b = 0.0
    for x in xs:
        a, b = b, a + x * 0.5
        if x < 10: continue
        if not x >= 20: b -= 1
    return a, b
def words(n):
    s = ""
    for i in range(n):
        s += "ab"
        t = s
    return len(s), len(t)
class V:
    def __init__(self, x): self.x = x
    def __add__(self, o): return V(self.x + o.x)
    def __lt__(self, o): return self.x < o.x
def objs(n):
    v = V(0)
    for i in range(n):
        w = v + V(i)
        v = w
        if v < V(5): pass
    return v.x
print(count(30000), mix(range(40)), words(300), objs(200))
)"},
    // an unbound local in the first and in the second instruction of a pair, caught and uncaught
    {R"(def first(flag):
    if flag:
        x = 1
    return x + 1
def second(flag):
    y = 2
    if flag:
        z = 3
    return y, z
for f in (first, second):
    try:
        f(False)
    except UnboundLocalError as e:
        print(type(e).__name__, e)
print(first(True), second(True))
second(False)
)", 200'000'000, "exception"},
    // __del__ run by a store, collections due while pairs run, threads switching slices
    {R"(import gc, threading
log = []
class D:
    def __del__(self):
        log.append(len(log))
def churn(n):
    d = D()
    for i in range(n):
        d = D()
        x = d
        a = [i]
        b = a
        a.append(b)
    return len(log)
def work(n, out):
    total = 0
    while n > 0:
        total += n % 5
        n -= 1
    out.append(total)
out = []
ts = [threading.Thread(target=work, args=(30000, out)) for _ in range(3)]
for t in ts: t.start()
print(churn(3000))
for t in ts: t.join()
gc.collect()
print(sorted(out), len(log))
)"},
    // pairs spread over lines, generators and comprehensions
    {R"(def gen(n):
    for i in range(n):
        j = i
        yield j * 2
def g2(xs):
    total = 0
    for x in xs:
        y = x
        total = (total
                 + y)
    return total
print(sum(gen(5000)), g2(range(3000)), [k for k in range(10) if k > 4])
)"},
};
}  // namespace

TEST_CASE("fused pairs of instructions give the report of the instructions run one by one", "[vm]") {
  // the instruction budget runs out at each instruction of a loop in turn,
  // between the two of a pair among them
  std::vector<Case> cases(std::begin(kCases), std::end(kCases));
  for (std::uint64_t b = 1'230; b < 1'242; ++b)
    cases.push_back({R"(n = 0
def f(x):
    a = x; b = a; c = b; d = c + 1; return d
while True:
    n += f(n)
)", b, "budget"});
  for (const std::string version : {"3.11", "3.13"}) {
    for (const Case& c : cases) {
      INFO(version << "\n" << c.src);
      pitfall::sim::Options o;
      o.python = version;
      o.budget_instructions = c.budget;
      const std::string alone = report_json(c.src, o, false);
      CHECK(alone.find(std::string("\"status\":\"") + c.status + "\"") != std::string::npos);
      const std::uint64_t made = pitfall::sim::g_fused_pairs_made;
      CHECK(report_json(c.src, o, true) == alone);
      CHECK(pitfall::sim::g_fused_pairs_made > made);  // (the program had pairs to fuse)
    }
  }
}
