// The type attribute cache: what VM::lookup_type found for (type, name),
// so that an attribute load, a method load or a dunder lookup does not walk
// the MRO and probe each class dict every time. CPython has the same cache
// for the same reason (Objects/typeobject.c: type_cache, MCACHE_SIZE_EXP 12,
// entries keyed by the type's version tag and the interned name).
//
// Notes about the model: this is host speed only; nothing the simulation
// reports depends on it. Instead of a version tag per type (CPython bumps the
// tags of a type and all its subclasses), one epoch covers every type (and
// every simulation of the process): it moves whenever a class dict that a lookup walked changes (DictObj::type_dict
// marks them, dict.cpp), when a collection clears a class or a dict, and when
// a class is freed (its address may be reused). Only interned names are
// cached (attribute names in code objects are interned and live as long as the
// runtime), and values are borrowed: a value leaves a class dict only through
// a change that moves the epoch.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>

#include "sim/objects/object.h"

namespace pitfall::sim {

// The epoch of every type attribute cache: moved by type_attrs_changed().
inline std::uint64_t g_type_epoch = 1;
// A class dict that a lookup walked changed, or a class went away: every
// cached lookup is stale.
inline void type_attrs_changed() { ++g_type_epoch; }

class TypeAttrCache {
 public:
  struct Entry {
    const ClassObj* type = nullptr;
    const StrObj* name = nullptr;
    std::uint64_t epoch = 0;
    Obj* value = nullptr;  // borrowed; null: the MRO has no such attribute
  };
  static constexpr std::size_t kSize = std::size_t{1} << 12;

  // The entry for (type, name) if it is current, else null.
  const Entry* find(const ClassObj* type, const StrObj* name) const {
    const Entry& e = entries_[slot(type, name)];
    return e.type == type && e.name == name && e.epoch == g_type_epoch ? &e : nullptr;
  }
  void store(const ClassObj* type, const StrObj* name, Obj* value) {
    entries_[slot(type, name)] = Entry{type, name, g_type_epoch, value};
  }

 private:
  static std::size_t slot(const ClassObj* type, const StrObj* name) {
    const auto t = reinterpret_cast<std::uintptr_t>(type), n = reinterpret_cast<std::uintptr_t>(name);
    return std::size_t((t >> 4) ^ (n >> 3) ^ (n >> 15)) & (kSize - 1);
  }
  std::unique_ptr<Entry[]> entries_{new Entry[kSize]};
};

}  // namespace pitfall::sim
