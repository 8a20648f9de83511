#pragma once
// An allocator for the few large arrays an engine reaches at random on every event (the
// string table's slots, the timer heap): from 2 MiB on, whole huge pages on a huge-page
// boundary, advised for transparent huge pages (lang/huge_pages.hpp). At 100,000 open
// incidents a lookup in 4 KiB pages was a TLB miss besides its cache miss, and on a
// virtual machine a costly one; smaller arrays come from the usual allocator.
#include <cstddef>
#include <cstdlib>
#include <memory>
#include <new>

#include "lang/huge_pages.hpp"

namespace writ::lang {

template <typename T>
struct HugePageAllocator {
  using value_type = T;

  HugePageAllocator() = default;
  template <typename U>
  explicit HugePageAllocator(const HugePageAllocator<U>&) noexcept {}

  T* allocate(std::size_t n) {
    if (!huge(n)) return std::allocator<T>{}.allocate(n);
    std::size_t bytes = (n * sizeof(T) + kHugePageSize - 1) / kHugePageSize * kHugePageSize;
    void* data = std::aligned_alloc(kHugePageSize, bytes);
    if (!data) throw std::bad_alloc();
    advise_huge_pages(data, bytes);
    return static_cast<T*>(data);
  }

  void deallocate(T* data, std::size_t n) noexcept {
    if (!huge(n)) return std::allocator<T>{}.deallocate(data, n);
    std::free(data);
  }

  friend bool operator==(const HugePageAllocator&, const HugePageAllocator&) { return true; }

 private:
  static bool huge(std::size_t n) { return n >= kHugePageSize / sizeof(T); }
};

}  // namespace writ::lang
