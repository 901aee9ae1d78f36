// How the host's allocator serves a simulation (native Linux builds only).
//
// A simulation keeps a record per simulated object (the object itself, its
// memory-layer and tracemalloc records), so a program that keeps 10^5-10^6
// objects alive makes the simulator touch hundreds of MiB. With glibc's
// defaults every 4 KiB page of that costs a page fault, large blocks are
// mmap'ed and unmapped again on free (a growing vector touches fresh pages at
// every reallocation) and the heap is trimmed back to the OS. Before running
// a simulation the tool restarts itself once with glibc tunables that keep
// freed memory for reuse (high mmap and trim thresholds, a heap that grows in
// large steps) and back the heap with transparent huge pages (one fault per
// 2 MiB). Only host time changes: nothing the simulation reports depends on
// where its records live. Tunables a glibc does not know are ignored; when
// the restart is impossible the tool simply runs with the defaults.
#include "cli/cli.h"

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#if defined(__linux__) && defined(__GLIBC__)
#include <unistd.h>
#endif

namespace pitfall::cli {

void tune_host_allocator(char** argv) {
#if defined(__linux__) && defined(__GLIBC__)
  constexpr const char* kMarker = "PITFALL_HOST_ALLOCATOR";
  if (std::getenv(kMarker)) return;  // already restarted (or opted out)
  setenv(kMarker, "1", 1);
  std::string tunables =
      "glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=268435456:"
      "glibc.malloc.trim_threshold=1073741824:glibc.malloc.top_pad=67108864";
  if (const char* old = std::getenv("GLIBC_TUNABLES"); old && *old) tunables = std::string(old) + ":" + tunables;
  setenv("GLIBC_TUNABLES", tunables.c_str(), 1);
  execv("/proc/self/exe", argv);  // returns only on failure: go on untuned
#else
  (void)argv;
#endif
}

// A simulation that kept 10^5-10^6 objects alive frees each of them, with
// its records, when it is destroyed: up to a tenth of `pitfall run`'s time
// for nothing, since the process ends next. Once the output is written the
// process ends here and its memory goes back to the OS whole. Sanitizer
// builds free it as usual, so that their leak check still sees everything.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PITFALL_FREE_AT_EXIT 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define PITFALL_FREE_AT_EXIT 1
#endif

int exit_after_simulation(int code) {
#if defined(PITFALL_FREE_AT_EXIT)
  return code;
#else
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  std::_Exit(code);
#endif
}

}  // namespace pitfall::cli
