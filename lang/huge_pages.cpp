#include "lang/huge_pages.hpp"

#include <cstdint>
#if __has_include(<sys/mman.h>)
#include <sys/mman.h>
#endif

namespace writ::lang {

void advise_huge_pages(void* data, std::size_t size) {
#if defined(MADV_HUGEPAGE)
  auto begin = reinterpret_cast<std::uintptr_t>(data);
  std::uintptr_t first = (begin + kHugePageSize - 1) / kHugePageSize * kHugePageSize;
  std::uintptr_t last = (begin + size) / kHugePageSize * kHugePageSize;
  // Failure (no THP on this kernel) changes nothing, so it is not reported.
  if (first < last) static_cast<void>(madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE));
#else
  static_cast<void>(data);
  static_cast<void>(size);
#endif
}

}  // namespace writ::lang
