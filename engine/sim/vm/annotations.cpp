#include "sim/vm/annotations.h"

namespace pitfall::sim {

Ref annotations_dict(VM& vm, const Ref& pairs) {
  Ref d = vm.rt.make_dict();
  if (!pairs || pairs->tag != Tag::Tuple) return d;
  const auto& items = pairs.as<TupleObj>()->items;
  for (size_t i = 0; i + 1 < items.size(); i += 2) vm.dict_set(d.as<DictObj>(), items[i], items[i + 1]);
  return d;
}

}  // namespace pitfall::sim
