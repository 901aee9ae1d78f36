// Where the simulated program's objects live in the host: size-class free
// lists carved from large chunks, instead of one malloc per object. A program
// that builds a million ints or instances makes a million Obj allocations;
// here each one is a pop from a free list (or a bump in the current chunk),
// with no allocator header and no search, and freed objects are reused by the
// next of their size. Chunks are kept for the life of the process (the web app
// runs one simulation after another; they are reused). Objects over kMaxPooled
// bytes go to the system allocator. Like the rest of the object heap
// (g_obj_heap) this is for one host thread. Built with AddressSanitizer, every
// object comes from the system allocator so use-after-free stays detectable.
#pragma once
#include <cstddef>
#include <new>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PITFALL_OBJ_POOL 0
#endif
#endif
#if !defined(PITFALL_OBJ_POOL) && defined(__SANITIZE_ADDRESS__)
#define PITFALL_OBJ_POOL 0
#endif
#ifndef PITFALL_OBJ_POOL
#define PITFALL_OBJ_POOL 1
#endif

namespace pitfall::sim {

class ObjPool {
 public:
  static constexpr std::size_t kGrain = 16;
  static constexpr std::size_t kMaxPooled = 512;
  static constexpr std::size_t kClasses = kMaxPooled / kGrain;

  void* alloc(std::size_t n) {
#if PITFALL_OBJ_POOL
    if (n == 0 || n > kMaxPooled) return ::operator new(n);
    const std::size_t c = (n - 1) / kGrain;
    if (Free* f = free_[c]) {
      free_[c] = f->next;
      return f;
    }
    return carve(c);
#else
    return ::operator new(n);
#endif
  }
  void release(void* p, std::size_t n) {
#if PITFALL_OBJ_POOL
    if (!p) return;
    if (n == 0 || n > kMaxPooled) return ::operator delete(p);
    const std::size_t c = (n - 1) / kGrain;
    Free* f = static_cast<Free*>(p);
    f->next = free_[c];
    free_[c] = f;
#else
    ::operator delete(p);
    (void)n;
#endif
  }

  // Is a freed block of n's class at hand (n: an object's size, 1..kMaxPooled)?
  // Then alloc_freed(n) takes it, as alloc(n) would, with no call. (Without
  // the pool: always, and alloc_freed is the system allocator's.)
  bool has_freed(std::size_t n) const {
#if PITFALL_OBJ_POOL
    return free_[(n - 1) / kGrain] != nullptr;
#else
    (void)n;
    return true;
#endif
  }
  void* alloc_freed(std::size_t n) {
#if PITFALL_OBJ_POOL
    const std::size_t c = (n - 1) / kGrain;
    Free* f = free_[c];
    free_[c] = f->next;
    return f;
#else
    return ::operator new(n);
#endif
  }

 private:
  struct Free { Free* next; };
  void* carve(std::size_t c);  // obj_pool.cpp: bump in the current chunk
  Free* free_[kClasses] = {};
  char* bump_ = nullptr;
  char* end_ = nullptr;
};

extern ObjPool g_obj_pool;

}  // namespace pitfall::sim
