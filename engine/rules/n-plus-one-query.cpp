// n-plus-one-query (no Ruff equivalent)
#include <string>

#include "rules/node_index.h"
#include "rules/py_helpers.h"
#include "rules/rule.h"

namespace pitfall::rules {
namespace {

constexpr const char* kDoc = R"md(## n-plus-one-query

### What it does
Flags a loop over the results of a database query (Django `Model.objects...`,
SQLAlchemy `session.query(...)` / `session.execute(...)` / `.scalars(...)`)
whose body either runs another query (`.objects.get/filter(...)`,
`session.query(...)`, `.execute(...)`) or follows a relation of the loop
variable (`book.author.name`, `author.book_set.all()`), which ORMs load lazily
with one query per row.

### Why is this bad?
One query fetches N rows, then the loop issues one more query per row: N + 1
round trips to the database. Each round trip costs a network hop and query
planning — typically 0.2–1 ms on a local database and several ms over a
network — so 1 000 rows turn a 5 ms page into a 1–5 s page, and the cost grows
with the data, not with the code. The fix fetches the related rows in one or
two queries up front.

### Example
```python
for book in Book.objects.all():
    print(book.title, book.author.name)   # one query per book
```

### Use instead
```python
for book in Book.objects.select_related("author"):
    print(book.title, book.author.name)   # a single JOIN
```
(`prefetch_related` for many-valued relations; in SQLAlchemy,
`select(Book).options(selectinload(Book.author))` or `joinedload`)

### References
- Django documentation, "Database access optimization" (`select_related`, `prefetch_related`)
- SQLAlchemy documentation, "Relationship Loading Techniques"
)md";

bool contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

// The loop's iterable is a query: `X.objects...`, `session.query(...)...`, `....execute(...)`, `.scalars(...)`.
bool is_query(std::string_view text) {
  if (contains(text, ".prefetch_related(") || contains(text, ".select_related(") || contains(text, "selectinload") ||
      contains(text, "joinedload") || contains(text, "subqueryload"))
    return false;
  return contains(text, ".objects.") || contains(text, "session.query(") || contains(text, ".query(") ||
         contains(text, "session.execute(") || contains(text, ".scalars(");
}

// A call in the loop body that hits the database.
bool is_query_call(const syntax::Tree& t, TSNode call) {
  TSNode f = child_by_field(call, "function");
  if (!syntax::is(f, "attribute")) return false;
  std::string_view text = t.text(f);
  std::string_view m = t.text(child_by_field(f, "attribute"));
  if (contains(text, ".objects.") &&
      (m == "get" || m == "filter" || m == "exclude" || m == "count" || m == "exists" || m == "first" ||
       m == "last" || m == "all" || m == "get_or_create" || m == "aggregate"))
    return true;
  TSNode obj = child_by_field(f, "object");
  std::string_view on = t.text(obj);
  if ((m == "query" || m == "execute" || m == "scalar" || m == "scalars" || m == "get") &&
      (on == "session" || on == "self.session" || on == "db.session" || on == "db"))
    return true;
  return false;
}

bool manager_method(std::string_view m) {
  return m == "all" || m == "filter" || m == "count" || m == "exists" || m == "first" || m == "exclude" ||
         m == "values" || m == "values_list" || m == "order_by";
}

void check(RuleContext& ctx) {
  const NodeIndex& idx = index_of(ctx.tree());
  const syntax::Tree& t = ctx.tree();
  for (NodeId l : idx.of("for_statement")) {
    TSNode loop = idx.node(l);
    TSNode target = child_by_field(loop, "left"), iter = child_by_field(loop, "right");
    if (!syntax::is(target, "identifier") || !is_query(t.text(iter))) continue;
    std::string_view var = t.text(target);
    NodeId body = idx.find(child_by_field(loop, "body"));
    if (body == kNoNode) continue;
    TSNode hit{};
    std::string what;
    for (NodeId k = body; k < idx.subtree_end(body) && syntax::null(hit); ++k) {
      if (idx.is(k, "call") && is_query_call(t, idx.node(k))) {
        hit = idx.node(k);
        what = "runs a query on every iteration";
        break;
      }
      if (!idx.is(k, "attribute")) continue;
      TSNode a = idx.node(k);
      TSNode obj = child_by_field(a, "object");
      if (!syntax::is(obj, "attribute")) continue;
      TSNode root = child_by_field(obj, "object");
      if (!syntax::is(root, "identifier") || t.text(root) != var) continue;
      // `var.rel.field` read (not a method call on a plain field), or `var.rel_set.all()`.
      NodeId p = idx.parent(k);
      bool called = p != kNoNode && idx.is(p, "call") && idx.in_field(k, "function");
      std::string_view m = t.text(child_by_field(a, "attribute"));
      std::string_view rel = t.text(child_by_field(obj, "attribute"));
      if (called ? manager_method(m) : (!m.empty() && m[0] != '_' && rel != "objects" && !contains(rel, "date") &&
                                        !contains(rel, "time")))
        ;
      else
        continue;
      hit = a;
      what = called ? "loads the related rows of `" + std::string(var) + "` with one query per iteration"
                    : "follows the relation `" + std::string(var) + "." + std::string(rel) +
                          "`, which is loaded lazily with one query per iteration";
    }
    if (syntax::null(hit)) continue;
    auto& f = ctx.report(hit, "N+1 queries: the loop over a query result " + what);
    py::remedy(f, "Fetch the related rows up front: `select_related`/`prefetch_related` (Django) or "
                  "`selectinload`/`joinedload` (SQLAlchemy)");
  }
}

}  // namespace

Rule n_plus_one_query_rule() {
  return {{"n-plus-one-query", "", "warning", "correctness", kDoc}, check};
}

}  // namespace pitfall::rules
