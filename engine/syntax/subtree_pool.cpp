#include "syntax/subtree_pool.h"

#include <tree_sitter/api.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace pitfall::syntax::subtree_pool {

namespace {

constexpr std::size_t kGrain = 16;       // size classes are multiples of this
constexpr std::size_t kClasses = 64;     // up to 64 * 16 = 1 KiB from the pool
constexpr std::size_t kChunk = 64 * 1024;

// In front of every block; 16 bytes so the block keeps malloc's alignment.
struct alignas(16) Header {
  std::size_t size;   // usable bytes (the class size for pooled blocks)
  std::size_t klass;  // 1..kClasses, or 0 for a block from malloc
};
static_assert(sizeof(Header) == 16);

struct FreeBlock {
  FreeBlock* next;
};

FreeBlock* free_lists[kClasses + 1] = {};
char* bump = nullptr;       // next free byte of the current chunk
char* bump_end = nullptr;
void* chunks = nullptr;     // every chunk, linked through its first word (kept reachable)

[[noreturn]] void out_of_memory() { std::abort(); }  // as tree-sitter's own allocator

Header* header_of(void* block) { return static_cast<Header*>(block) - 1; }

void* carve(std::size_t klass) {
  const std::size_t need = sizeof(Header) + klass * kGrain;
  if (static_cast<std::size_t>(bump_end - bump) < need) {
    char* chunk = static_cast<char*>(std::malloc(kChunk));
    if (!chunk) out_of_memory();
    std::memcpy(chunk, &chunks, sizeof chunks);
    chunks = chunk;
    bump = chunk + sizeof(Header);  // the link word, then 16-byte aligned blocks
    bump_end = chunk + kChunk;
  }
  Header* h = reinterpret_cast<Header*>(bump);
  bump += need;
  h->size = klass * kGrain;
  h->klass = klass;
  return h + 1;
}

}  // namespace

void* allocate(std::size_t size) {
  const std::size_t klass = size == 0 ? 1 : (size + kGrain - 1) / kGrain;
  if (klass <= kClasses) {
    if (FreeBlock* b = free_lists[klass]) {
      free_lists[klass] = b->next;
      return b;
    }
    return carve(klass);
  }
  if (size > SIZE_MAX - sizeof(Header)) out_of_memory();
  Header* h = static_cast<Header*>(std::malloc(sizeof(Header) + size));
  if (!h) out_of_memory();
  h->size = size;
  h->klass = 0;
  return h + 1;
}

void* allocate_zeroed(std::size_t count, std::size_t size) {
  if (size != 0 && count > SIZE_MAX / size) out_of_memory();
  void* b = allocate(count * size);
  std::memset(b, 0, count * size);
  return b;
}

void release(void* block) {
  if (!block) return;
  Header* h = header_of(block);
  if (h->klass == 0) {
    std::free(h);
    return;
  }
  FreeBlock* b = static_cast<FreeBlock*>(block);
  b->next = free_lists[h->klass];
  free_lists[h->klass] = b;
}

void* reallocate(void* block, std::size_t size) {
  if (!block) return allocate(size);
  Header* h = header_of(block);
  if (h->klass != 0 && size <= h->size) return block;
  if (h->klass == 0 && size > kClasses * kGrain) {
    if (size > SIZE_MAX - sizeof(Header)) out_of_memory();
    Header* g = static_cast<Header*>(std::realloc(h, sizeof(Header) + size));
    if (!g) out_of_memory();
    g->size = size;
    return g + 1;
  }
  void* moved = allocate(size);
  std::memcpy(moved, block, h->size < size ? h->size : size);
  release(block);
  return moved;
}

void install_for_tree_sitter() {
#if defined(__EMSCRIPTEN__) || defined(PITFALL_SUBTREE_POOL)
  ts_set_allocator(allocate, allocate_zeroed, reallocate, release);
#endif
}

}  // namespace pitfall::syntax::subtree_pool
