// Lists resized within their capacity are synced at the touch instead of at
// the next instruction boundary (sim/vm/list_resize_in_place.cpp): a host
// speed change only. The whole report (memory samples, traced bytes per line,
// gc counts, getsizeof, clock) must be the one every touch deferred gives,
// including the cases that need care: objects freed while others are pending
// (the order of pending allocations), a list touched twice before a boundary
// (within, then beyond its capacity), a list freed in the instruction that
// resized it, collections between touches.
#include <catch2/catch.hpp>

#include <string>

#include "report/json.h"
#include "sim/vm/list_resize_in_place.h"
#include "test_support.h"

namespace {
std::string report_json(const std::string& src, const std::string& python, bool in_place) {
  pitfall::sim::g_list_resize_in_place = in_place;
  const auto r = pitfall::test::simulate("lists.py", src, python);
  pitfall::sim::g_list_resize_in_place = true;
  return pitfall::report::to_json(r).dump();
}

const char* kPrograms[] = {
    // comprehensions and append loops, temporaries freed while pending
    R"(import sys
def build(n):
    out = []
    for i in range(n):
        if i % 3 == 0:
            out.append((i, str(i)))
    return out
sq = [i * i for i in range(20000) if i % 3 == 0]
b = build(5000)
print(len(sq), len(b), sys.getsizeof(sq), sys.getsizeof(b))
)",
    // pops and appends around the capacity's half, a list freed right after its resize
    R"(import sys
L = list(range(100))
for k in range(90):
    L.pop()
    if k % 7 == 0:
        L.append(k * 1000)
sizes = []
for k in range(200):
    t = [k, k + 1000, k + 2000]
    t.append(k * 3000)
    sizes.append(sys.getsizeof(t))
    del t
print(len(L), sys.getsizeof(L), sum(sizes))
)",
    // touches inside a built-in that calls back into Python, and cycles collected between touches
    R"(import gc
class Node:
    def __init__(self, v):
        self.v = v
        self.peer = None
        self.items = [v, v + 1000]
acc = []
def key(n):
    acc.append(n.v * 1000)
    acc.pop()
    acc.append(n.v)
    return -n.v
nodes = []
for i in range(3000):
    a, b = Node(i * 1000), Node(i * 1000 + 1)
    a.peer, b.peer = b, a
    a.items.append(i * 7919)
    nodes.append(a)
    if i % 500 == 0:
        nodes = sorted(nodes, key=key)[:100]
        gc.collect()
print(len(nodes), len(acc))
)",
    // exceptions raised and caught: lists resized and freed while the exception's objects are pending
    R"(caught = []
for k in range(3):
    try:
        [5, 6, 7][3 ** 50 + k]
    except IndexError as e:
        caught.append(str(e))
    try:
        float(7 ** 400)
    except OverflowError as e:
        caught.append(str(e))
    try:
        7 ** 400 / 3
    except OverflowError as e:
        caught.append(str(e))
    try:
        str(7 ** 7000)
    except ValueError as e:
        caught.append(str(e)[:20])
print(len(caught), caught[:4])
)",
};
}  // namespace

TEST_CASE("lists resized in place give the same report as deferred syncs", "[memory][vm]") {
  for (const std::string version : {"3.11", "3.13"}) {
    for (const char* src : kPrograms) {
      INFO(version << "\n" << src);
      const std::string deferred = report_json(src, version, false);
      CHECK(deferred.find("\"status\":\"ok\"") != std::string::npos);
      CHECK(report_json(src, version, true) == deferred);
    }
  }
}
