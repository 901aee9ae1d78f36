// A small-block allocator for tree-sitter's subtrees, parse stacks and arrays
// (installed with ts_set_allocator by shared_parser(), WebAssembly build only).
//
// A parse allocates and frees tens of thousands of small blocks (a 200-line
// file: about 6 000 subtrees of 16 to 200 bytes, and as many stack nodes);
// with Emscripten's dlmalloc that is about 5 % of the parse in wasm. Here a
// block of up to 1 KiB comes from a free list per 16-byte size class (carved
// from 64 KiB chunks, never returned) and goes back to it when freed: a few
// instructions each way. Larger blocks go to malloc. Every block carries a
// 16-byte header with its size, so realloc and free need no lookup.
//
// Not thread-safe: the free lists are shared by the process. The web app is
// single-threaded; the native build, whose tests parse on several threads,
// keeps tree-sitter's default (malloc) unless built with PITFALL_SUBTREE_POOL
// (for comparing the two in a single-threaded tool such as the lint benchmark).
#pragma once
#include <cstddef>

namespace pitfall::syntax::subtree_pool {

void* allocate(std::size_t size);
void* allocate_zeroed(std::size_t count, std::size_t size);
void* reallocate(void* block, std::size_t size);
void release(void* block);

// Installs the pool as tree-sitter's allocator where the build uses it
// (Emscripten); a no-op elsewhere. Must run before tree-sitter allocates.
void install_for_tree_sitter();

}  // namespace pitfall::syntax::subtree_pool
