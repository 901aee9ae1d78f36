// Keys of the cost variants (cost_variants.h) and the slow-path classifiers
// that pick a variant from the operands an instruction saw.
#include "sim/vm/cost_variants.h"

#include "sim/vm/vm.h"

namespace pitfall::sim {

namespace {
const CostVariantInfo kInfo[CV_COUNT] = {
    {NOP, ""},
    {LOAD_ATTR, "LOAD_ATTR.class"}, {LOAD_ATTR, "LOAD_ATTR.module"},
    {LOAD_ATTR, "LOAD_ATTR.property"}, {LOAD_ATTR, "LOAD_ATTR.method"},
    {LOAD_METHOD, "LOAD_ATTR.class"}, {LOAD_METHOD, "LOAD_ATTR.module"},
    {LOAD_METHOD, "LOAD_ATTR.instance"},
    {LOAD_GLOBAL, "LOAD_GLOBAL.module"},
    {STORE_ATTR, "STORE_ATTR.slot"},
    {BINARY_OP, "BINARY_OP.int.div"}, {BINARY_OP, "BINARY_OP.int.other"},
    {BINARY_OP, "BINARY_OP.bigint"}, {BINARY_OP, "BINARY_OP.float"},
    {BINARY_OP, "BINARY_OP.str"}, {BINARY_OP, "BINARY_OP.list"}, {BINARY_OP, "BINARY_OP.other"},
    {COMPARE_OP, "COMPARE_OP.float"}, {COMPARE_OP, "COMPARE_OP.str"},
    {COMPARE_OP, "COMPARE_OP.other"},
    {BINARY_SUBSCR, "BINARY_SUBSCR.dict"}, {BINARY_SUBSCR, "BINARY_SUBSCR.str"},
    {BINARY_SUBSCR, "BINARY_SUBSCR.tuple"}, {BINARY_SUBSCR, "BINARY_SUBSCR.other"},
    {STORE_SUBSCR, "STORE_SUBSCR.list"},
    {CONTAINS_OP, "CONTAINS_OP.dict"}, {CONTAINS_OP, "CONTAINS_OP.set"},
    {CALL, "CALL.builtin"}, {CALL, "CALL.method_builtin"}, {CALL, "CALL.class"},
    {CALL, "CALL.bound_method"},
    {FOR_ITER, "FOR_ITER.list"}, {FOR_ITER, "FOR_ITER.tuple"}, {FOR_ITER, "FOR_ITER.dict"},
    {FOR_ITER, "FOR_ITER.generator"}, {FOR_ITER, "FOR_ITER.other"},
    {NOP, "int.alloc"},
};

inline bool is_int(Tag t) { return t == Tag::Int || t == Tag::BigInt; }
inline bool is_num(Tag t) { return is_int(t) || t == Tag::Float; }
}  // namespace

const CostVariantInfo& cost_variant_info(int v) {
  return kInfo[v >= 0 && v < CV_COUNT ? v : 0];
}

// BINARY_OP that missed the small-int fast path (or took it with an operator
// CPython does not specialise: %, //, &, |, ^ run the generic int code).
int binary_variant(int op, const Obj* a, const Obj* b) {
  Tag ta = a->tag, tb = b->tag;
  int base = op % NB_INPLACE;
  if (is_int(ta) && is_int(tb)) {
    if (ta == Tag::BigInt || tb == Tag::BigInt) return CV_BINARY_OP_BIGINT;  // beyond 64 bits
    switch (base) {
      case NB_ADD: case NB_SUBTRACT: case NB_MULTIPLY: return CV_BINARY_OP_BIGINT;  // overflowed
      case NB_REMAINDER: case NB_FLOOR_DIVIDE: case NB_TRUE_DIVIDE: return CV_BINARY_OP_INT_DIV;
      default: return CV_BINARY_OP_INT_OTHER;
    }
  }
  if (is_num(ta) && is_num(tb)) return CV_BINARY_OP_FLOAT;
  if (ta == Tag::Str && (base == NB_ADD || base == NB_MULTIPLY || base == NB_REMAINDER))
    return CV_BINARY_OP_STR;
  if ((ta == Tag::List || ta == Tag::Tuple) && (base == NB_ADD || base == NB_MULTIPLY))
    return CV_BINARY_OP_LIST;
  return CV_BINARY_OP_OTHER;
}

int compare_variant(const Obj* a, const Obj* b) {
  if (is_num(a->tag) && is_num(b->tag)) return a->tag == Tag::Int && b->tag == Tag::Int ? CV_NONE : CV_COMPARE_OP_FLOAT;
  if (a->tag == Tag::Str && b->tag == Tag::Str) return CV_COMPARE_OP_STR;
  return CV_COMPARE_OP_OTHER;
}

int subscr_variant(const Obj* o, const Obj* key) {
  switch (o->tag) {
    case Tag::List: return key->tag == Tag::Int ? CV_NONE : CV_BINARY_SUBSCR_OTHER;
    case Tag::Tuple: return key->tag == Tag::Int ? CV_BINARY_SUBSCR_TUPLE : CV_BINARY_SUBSCR_OTHER;
    case Tag::Dict: return CV_BINARY_SUBSCR_DICT;
    case Tag::Str: return CV_BINARY_SUBSCR_STR;
    default: return CV_BINARY_SUBSCR_OTHER;
  }
}

int contains_variant(const Obj* container) {
  switch (container->tag) {
    case Tag::Dict: return CV_CONTAINS_OP_DICT;
    case Tag::Set: case Tag::FrozenSet: return CV_CONTAINS_OP_SET;
    default: return CV_NONE;  // sequences: CONTAINS_OP + builtin.list.__contains__ per item
  }
}

namespace {
double seq_len(const Obj* o) {
  switch (o->tag) {
    case Tag::Str: return double(static_cast<const StrObj*>(o)->s.size());
    case Tag::List: return double(static_cast<const ListObj*>(o)->items.size());
    case Tag::Tuple: return double(static_cast<const TupleObj*>(o)->items.size());
    default: return -1;
  }
}
}  // namespace

void charge_sequence_binary(VM& vm, int op, const Obj* a, const Obj* b, const Obj* r, bool in_place) {
  double n = seq_len(r);
  if (n < 0 || a->tag != r->tag) return;
  int base = op % NB_INPLACE;
  bool str = r->tag == Tag::Str;
  if (base == NB_ADD) {
    if (in_place && str) n = seq_len(b) > 0 ? seq_len(b) : 0;
    vm.charge(vm.builtin_ns(str ? "builtin.str.__add__" : "builtin.list.__add__", n));
  } else if (base == NB_MULTIPLY) {
    vm.charge(vm.builtin_ns(str ? "builtin.str.__mul__" : "builtin.list.__mul__", n));
  }
}

}  // namespace pitfall::sim
