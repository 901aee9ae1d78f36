// Key-sharing instance dicts (PEP 412) as CPython 3.11+ keeps them, for
// sys.getsizeof(obj.__dict__).
//
// Notes about the model (Objects/dictobject.c, Objects/typeobject.c):
// - A class's shared keys start with 30 usable entries
//   (_PyDict_NewKeysForClass: SHARED_KEYS_MAX_SIZE); every instance created
//   takes one off while more than one is left (init_inline_values sizes the
//   instance's values array to the keys' current usable size), every new
//   attribute name takes one off (insert_into_dictkeys).
// - A split dict's size is the dict object (48 bytes + the 16-byte GC header)
//   and one pointer per usable shared entry, dk_nentries + dk_usable, read
//   from the class's keys when getsizeof runs (_PyDict_SizeOf); the keys
//   themselves count with the class. So the figure shrinks as the program
//   makes more instances: 96 for three attributes once many exist.
// - Attributes may be stored in any order (the values keep their own
//   insertion order) and deleted without leaving the shared keys. An instance
//   stops sharing (its dict becomes a combined table sized
//   GROWTH_RATE(used) = used * 3, then grows as any dict) when a new name no
//   longer fits the shared keys (set as an attribute or through the
//   materialised __dict__ alike), when a non-str key is stored in its
//   __dict__, and (3.11 and 3.12) when that __dict__ is cleared.
// - Left out: the values array's traced size keeps the estimate of
//   Sizes::instance_traced, and the combined table of an instance that
//   stopped sharing is not traced apart.
#include <algorithm>

#include "sim/vm/vm_memory.h"

namespace pitfall::sim {

namespace {

// calculate_log2_keysize(GROWTH_RATE(mp)): the table a split dict converts to.
int log2_for_resize(std::int64_t used) {
  const std::int64_t want = used * 3;
  int log2 = 3;  // PyDict_LOG_MINSIZE
  while ((std::int64_t{1} << log2) < want && log2 < 40) ++log2;
  return log2;
}

}  // namespace

void VmMemory::track_shared_keys(Obj* inst, bool created) {
  if (sizes_.minor() < 11 || inst->tag != Tag::Instance || inst->cls->builtin || !inst->mem_slot) return;
  auto* io = static_cast<InstanceObj*>(inst);
  if (!io->dict || io->dict->tag != Tag::Dict) return;
  LinkGrowth& g = link_growth(inst->mem_slot);
  auto* d = io->dict.as<DictObj>();
  // nothing to do (the class's keys were made when the instance was)
  if (!created && (g.unshared || g.seen(d->used))) return;
  if (shared_keys_cls_ != inst->cls) {
    shared_keys_last_ = &shared_keys_[inst->cls];
    shared_keys_cls_ = inst->cls;
  }
  SharedKeys& ck = *shared_keys_last_;
  if (created && ck.usable > 1) --ck.usable;
  if (g.unshared) return;
  if (g.seen(d->used)) return;
  const bool cleared = g.materialised && d->used == 0 && g.keys_seen > 0 && sizes_.minor() <= 12;
  std::int64_t i = 0;
  std::int64_t unshare_at = cleared ? 0 : -1;
  for (const DictEntry& e : d->entries) {
    if (unshare_at >= 0) break;
    if (!e.key) continue;
    if (e.key->tag != Tag::Str) { unshare_at = i; break; }
    const Obj* key = e.key.get();
    if (std::find(ck.known.begin(), ck.known.end(), key) == ck.known.end()) {
      const std::string& name = e.key.as<StrObj>()->s;
      if (!ck.names.count(name)) {
        if (ck.usable > 0) {
          ck.names.emplace(name, int(ck.nentries));
          ++ck.nentries;
          --ck.usable;
        } else {
          unshare_at = i;
          break;
        }
      }
      if (e.key.as<StrObj>()->interned && ck.known.size() < 32) ck.known.push_back(key);
    }
    ++i;
  }
  g.set_seen(d->used);
  if (unshare_at < 0 || !d->mem_slot) return;
  // make_dict_from_instance_attributes + insertion_resize: a combined table
  // for the keys so far, then the rest inserted as into any dict
  g.unshared = true;
  memory::DictKeys keys;
  keys.log2_size = cleared ? 0 : log2_for_resize(unshare_at);  // PyDict_Clear: the shared empty keys
  keys.used = keys.nentries = std::size_t(unshare_at);
  keys.str_keys = true;
  std::int64_t k = 0;
  for (const DictEntry& e : d->entries) {
    if (!e.key) continue;
    if (k++ < unshare_at) continue;
    sizes_.dicts().insert_new(keys, e.key->tag == Tag::Str);
  }
  dict_growth(d->mem_slot).set_keys(keys);
}

void VmMemory::instance_dict_read(Obj* inst) {
  if (sizes_.minor() < 11 || inst->tag != Tag::Instance || !inst->mem_slot) return;
  Rec& r = recs_[inst->mem_slot];
  if (r.accounted) track_shared_keys(inst, false);  // names set so far came through attributes
  link_growth(inst->mem_slot).materialised = true;
}

bool VmMemory::instance_dict_getsizeof(Obj* dict, Obj* inst, std::int64_t& out) {
  if (sizes_.minor() < 11 || !inst || inst->tag != Tag::Instance || inst->cls->builtin || !inst->mem_slot) return false;
  if (recs_[inst->mem_slot].accounted) track_shared_keys(inst, false);
  const LinkGrowth* g = find_link_growth(inst->mem_slot);
  if (!g || !g->unshared) {
    auto it = shared_keys_.find(inst->cls);
    if (it == shared_keys_.end()) return false;
    out = 64 + memory::kPtr * (it->second.nentries + it->second.usable);
    return true;
  }
  DictGrowth* dg = dict->mem_slot && !scalar_slot(dict->mem_slot) ? find_dict_growth(dict->mem_slot) : nullptr;
  if (!dg) return false;
  auto* d = static_cast<DictObj*>(dict);
  const auto used = std::size_t(d->used);
  memory::DictKeys keys = dg->keys();
  while (keys.used < used) sizes_.dicts().insert_new(keys, true);
  while (keys.used > used) sizes_.dicts().remove(keys);
  dg->set_keys(keys);
  out = sizes_.dicts().getsizeof(keys);
  return true;
}

}  // namespace pitfall::sim
