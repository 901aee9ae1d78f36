// The one table of detectors. Add a rule here (tools/new-rule does it for you);
// no self-registering statics, they vanish from static libraries.
#include <string_view>

#include "rules/rule.h"

namespace pitfall::rules {

// Each rule file defines one of these.
Rule mutable_default_argument_rule();
// bytecode and correctness family (declarations)
Rule try_except_in_loop_rule();
Rule manual_list_comprehension_rule();
Rule manual_list_copy_rule();
Rule manual_dict_comprehension_rule();
// end bytecode and correctness family (declarations)

const std::vector<Rule>& all_rules() {
  static const std::vector<Rule> rules = {
      mutable_default_argument_rule(),
      // bytecode and correctness family (table)
      try_except_in_loop_rule(),
      manual_list_comprehension_rule(),
      manual_list_copy_rule(),
      manual_dict_comprehension_rule(),
      // end bytecode and correctness family (table)
  };
  return rules;
}

const Rule* find_rule(std::string_view key) {
  for (const Rule& r : all_rules())
    if (key == r.info.id || (*r.info.ruff && key == r.info.ruff)) return &r;
  return nullptr;
}

}  // namespace pitfall::rules
