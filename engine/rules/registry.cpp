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
Rule unnecessary_list_cast_rule();
Rule incorrect_dict_iterator_rule();
Rule membership_in_list_literal_rule();
Rule in_dict_keys_rule();
Rule zip_without_strict_rule();
Rule is_literal_comparison_rule();
Rule loop_variable_closure_rule();
Rule loop_iterator_mutation_rule();
Rule string_concat_in_loop_rule();
Rule global_lookup_in_hot_loop_rule();
Rule attribute_lookup_in_hot_loop_rule();
Rule range_len_loop_rule();
Rule n_plus_one_query_rule();
// end bytecode and correctness family (declarations)
// concurrency and memory family (declarations)
Rule call_in_default_argument_rule();
Rule cached_instance_method_rule();
Rule dangling_task_rule();
Rule quadratic_list_summation_rule();
Rule async_busy_wait_rule();
Rule gc_disabled_rule();
Rule blocking_call_in_async_rule();
Rule unawaited_coroutine_rule();
Rule threading_lock_in_async_rule();
Rule materialized_list_for_reduction_rule();
Rule cpu_bound_thread_rule();
Rule cpu_heavy_coroutine_rule();
Rule sequential_awaits_in_loop_rule();
Rule cycle_with_del_rule();
Rule unbounded_cache_rule();
Rule multiprocessing_tiny_tasks_rule();
// end concurrency and memory family (declarations)

const std::vector<Rule>& all_rules() {
  static const std::vector<Rule> rules = {
      mutable_default_argument_rule(),
      // bytecode and correctness family (table)
      try_except_in_loop_rule(),
      manual_list_comprehension_rule(),
      manual_list_copy_rule(),
      manual_dict_comprehension_rule(),
      unnecessary_list_cast_rule(),
      incorrect_dict_iterator_rule(),
      membership_in_list_literal_rule(),
      in_dict_keys_rule(),
      zip_without_strict_rule(),
      is_literal_comparison_rule(),
      loop_variable_closure_rule(),
      loop_iterator_mutation_rule(),
      string_concat_in_loop_rule(),
      global_lookup_in_hot_loop_rule(),
      attribute_lookup_in_hot_loop_rule(),
      range_len_loop_rule(),
      n_plus_one_query_rule(),
      // end bytecode and correctness family (table)
      // concurrency and memory family (table)
      call_in_default_argument_rule(),
      cached_instance_method_rule(),
      dangling_task_rule(),
      quadratic_list_summation_rule(),
      async_busy_wait_rule(),
      gc_disabled_rule(),
      blocking_call_in_async_rule(),
      unawaited_coroutine_rule(),
      threading_lock_in_async_rule(),
      materialized_list_for_reduction_rule(),
      cpu_bound_thread_rule(),
      cpu_heavy_coroutine_rule(),
      sequential_awaits_in_loop_rule(),
      cycle_with_del_rule(),
      unbounded_cache_rule(),
      multiprocessing_tiny_tasks_rule(),
      // end concurrency and memory family (table)
  };
  return rules;
}

const Rule* find_rule(std::string_view key) {
  for (const Rule& r : all_rules())
    if (key == r.info.id || (*r.info.ruff && key == r.info.ruff)) return &r;
  return nullptr;
}

}  // namespace pitfall::rules
