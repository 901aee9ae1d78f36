// The semantic layer shared by the detectors: what names mean, built once per
// file on top of rules::NodeIndex (which already holds scopes and bindings).
//
// It answers the questions a pitfall detector asks about a node:
//  - qualified names through imports and aliases (`import time as t` makes
//    `t.sleep` resolve to "time.sleep"; `from time import sleep as nap` makes
//    `nap` resolve to "time.sleep"); unbound names resolve to themselves
//    (builtins: `open` -> "open");
//  - the class of object a name holds when it was bound to a call
//    (`s = requests.Session()`, `with ThreadPoolExecutor() as ex`,
//    `self.pool = Pool()` in the same class): "requests.Session";
//  - simple type facts: names bound to list/set/dict/tuple displays or
//    comprehensions, to classes, to functions and `async def` functions;
//  - the enclosing context of a node: the function it runs in, whether that is
//    an `async def`, how many loops enclose it within that function, and whether
//    the function runs in a worker thread or process (a Thread target, or a
//    function handed to executor.submit/map, pool.map, loop.run_in_executor,
//    asyncio.to_thread), including functions reached from such a target through
//    same-file calls.
//
// Everything is computed when the model is built (one pass over the index);
// queries are cheap. The model never throws and tolerates error nodes.
#pragma once
#include <tree_sitter/api.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "rules/node_index.h"

namespace pitfall::analysis {

using rules::kNoNode;
using rules::NodeId;

// What a name is known to hold (from its binding in the same file).
enum class Kind : std::uint8_t {
  kUnknown,
  kList,           // [..], [.. for ..], list(...)
  kSet,            // {a, b}, {.. for ..}, set(...)
  kDict,           // {k: v}, {k: v for ..}, dict(...)
  kTuple,          // (a, b)
  kClass,          // class C: ...
  kFunction,       // def f(): ...
  kAsyncFunction,  // async def f(): ...
  kModule,         // import m
};

// How a function is run by the program, when it is handed to a worker.
enum class Worker : std::uint8_t {
  kNone,
  kThread,   // threading.Thread/Timer target, ThreadPoolExecutor, ThreadPool, to_thread, run_in_executor(None, ..)
  kProcess,  // multiprocessing.Process target, Pool, ProcessPoolExecutor
  kUnknownExecutor,  // .submit(f)/.map(f) on a receiver of unknown class
};

// Where a node sits.
struct Context {
  NodeId function = kNoNode;  // enclosing def/lambda (kNoNode at module or class level)
  bool in_async = false;      // the nearest enclosing def is `async def` (a lambda is never async)
  int loop_depth = 0;         // for/while statements between the node and its function
  int comprehension_depth = 0;  // comprehensions/generator expressions around the node, same bound
  NodeId innermost_loop = kNoNode;  // the nearest enclosing for/while statement (same bound)
  Worker worker = Worker::kNone;    // the enclosing def runs in a worker (directly or via calls)
};

// A call that hands a function to a worker: `Thread(target=work)`,
// `ex.submit(work, n)`, `pool.map(work, xs)`, `loop.run_in_executor(None, work)`.
struct HandOff {
  TSNode call;                   // the call node
  TSNode target;                 // the argument naming the function
  NodeId def = kNoNode;          // the same-file def it names
  Worker worker = Worker::kNone;
  std::string method;            // "Thread", "submit", "map", "imap", "to_thread", ...
};

class Model {
 public:
  explicit Model(const rules::NodeIndex& index);
  Model(const Model&) = delete;
  Model& operator=(const Model&) = delete;
  ~Model();

  const rules::NodeIndex& index() const { return idx_; }
  const syntax::Tree& tree() const { return idx_.tree(); }

  // The dotted name an expression refers to, resolving imports: an identifier
  // or attribute chain ("time.sleep", "os.path.join", "open" for an unbound
  // builtin). For a call, the qualified name of its callee. Empty when the
  // base name is bound locally to something other than an import, or the
  // expression is not a name/attribute chain.
  std::string qualified_name(TSNode expr) const;
  // Same for a call's callee (`call` is a `call` node).
  std::string callee_name(TSNode call) const;
  // Whether qualified_name(expr) equals `name`.
  bool is(TSNode expr, std::string_view qualified) const;

  // The qualified class an expression's object was made from, when known:
  // a call `C(...)` gives qualified_name(C); a name or `self.attr` bound by
  // assignment or `with ... as` to such a call gives the same. Empty otherwise.
  std::string instance_of(TSNode expr) const;

  // What a name (identifier node) holds, by its binding visible from there.
  Kind kind_of(TSNode identifier) const;

  // The same-file def an expression refers to: an identifier bound by `def`,
  // or `self.method`/`cls.method` inside a class defining `method`.
  // kNoNode when unknown.
  NodeId function_of(TSNode expr) const;
  // The def a call invokes (function_of its callee), or kNoNode.
  NodeId called_function(TSNode call) const { return function_of(syntax::field(call, "function")); }

  static bool is_async_def(TSNode function_definition);

  // Where a node sits (see Context).
  Context context(TSNode n) const;
  Context context(NodeId n) const;

  // How a def is run when handed to a worker (directly or reached through
  // same-file calls from such a def); Worker::kNone otherwise.
  Worker worker_of(NodeId def) const;
  // The call that hands `def` (or a function reaching it) to a worker, or a null node.
  TSNode worker_call(NodeId def) const;

  // Every hand-off of a same-file def to a worker, in source order.
  const std::vector<HandOff>& hand_offs() const;

  // The same-file defs called from inside `def`'s body (not nested defs).
  const std::vector<NodeId>& callees(NodeId def) const;

 private:
  struct Impl;
  const rules::NodeIndex& idx_;
  std::unique_ptr<Impl> impl_;
};

// The model for this tree: shared while lint() runs (see ModelScope), built
// on demand otherwise (valid until the next call for another tree).
const Model& model_of(const syntax::Tree& tree);

// While in scope, model_of(tree) builds the model once (on first use, over the
// shared rules::index_of(tree)) and hands the same one to every caller. Open it
// after the rules::IndexScope of the same tree (used by lint()).
class ModelScope {
 public:
  explicit ModelScope(const syntax::Tree& tree);
  ~ModelScope();
  ModelScope(const ModelScope&) = delete;
  ModelScope& operator=(const ModelScope&) = delete;

 private:
  friend const Model& model_of(const syntax::Tree& tree);
  const syntax::Tree& tree_;
  std::unique_ptr<Model> model_;
  ModelScope* prev_;
};

}  // namespace pitfall::analysis
