// What this machine charges for memory the first time a process touches it, beside the
// same memory touched again: the cost behind opening 100,000 incidents in runtime_bench
// (bench/RESULTS.md). On a virtual machine that hands free memory back to its host, the
// first touch can cost far more than clearing the page.
// Each round maps, touches and unmaps MiB, first in 4 KiB pages, then advised for
// transparent huge pages (as the engine's incident blocks are: runtime/incident_pool.hpp).
// Usage: first_touch_bench [MiB] (256 by default)
#include <sys/mman.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

// Seconds to write one byte into each 4 KiB page of a new mapping of `bytes`, advised for
// transparent huge pages or not.
double touch_once(std::size_t bytes, bool huge) {
  void* mapped = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapped == MAP_FAILED) {
    std::perror("first_touch_bench: mmap");
    std::exit(1);
  }
  if (huge) madvise(mapped, bytes, MADV_HUGEPAGE);
  auto* p = static_cast<volatile char*>(mapped);
  auto start = std::chrono::steady_clock::now();
  for (std::size_t at = 0; at < bytes; at += 4096) p[at] = 1;
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  munmap(mapped, bytes);
  return seconds;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t mib = argc > 1 ? std::stoul(argv[1]) : 256;
  std::size_t bytes = mib << 20;
  double pages = static_cast<double>(bytes / 4096);
  // The first round of each kind gets memory the process never had; the next ones get back
  // what the round before unmapped, while the kernel still holds it.
  for (bool huge : {false, true}) {
    for (int round = 1; round <= 3; ++round) {
      double s = touch_once(bytes, huge);
      std::printf("%s pages, round %d: %zu MiB in %.1f ms: %.2f us per 4 KiB, %.2f GB/s\n",
                  huge ? "huge" : "4 KiB", round, mib, s * 1e3, s * 1e6 / pages, static_cast<double>(bytes) / s / 1e9);
    }
  }
  return 0;
}
