#include "runtime/incident_pool.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <cstdint>
#include <new>

#include "lang/huge_pages.hpp"

namespace writ::runtime {

namespace {

constexpr std::size_t kFirstChunk = std::size_t{64} * 1024;  // an engine with a few incidents maps little
constexpr std::size_t kLargestChunk = std::size_t{32} * 1024 * 1024;

void* map(std::size_t bytes) {
  void* data = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (data == MAP_FAILED) throw std::bad_alloc();
  return data;
}

// `bytes` (a multiple of the huge page size) starting on a huge-page boundary: mapped with a
// huge page to spare, then the spare cut off before and after.
void* map_aligned(std::size_t bytes) {
  auto* data = static_cast<std::byte*>(map(bytes + lang::kHugePageSize));
  auto address = reinterpret_cast<std::uintptr_t>(data);
  std::size_t head = (lang::kHugePageSize - address % lang::kHugePageSize) % lang::kHugePageSize;
  if (head) munmap(data, head);
  if (std::size_t tail = lang::kHugePageSize - head) munmap(data + head + bytes, tail);
  return data + head;
}

}  // namespace

IncidentPool::IncidentPool(std::size_t block_bytes)
    : block_((std::max(block_bytes, sizeof(void*)) + alignof(std::max_align_t) - 1) / alignof(std::max_align_t) *
             alignof(std::max_align_t)) {}

IncidentPool::~IncidentPool() {
  for (const Chunk& c : chunks_) munmap(c.data, c.bytes);
}

void* IncidentPool::take() {
  if (free_) {
    void* block = free_;
    free_ = *static_cast<void**>(block);
    return block;
  }
  if (next_ + block_ > end_) add_chunk();
  void* block = next_;
  next_ += block_;
  return block;
}

void IncidentPool::give_back(void* block) {
  *static_cast<void**>(block) = free_;
  free_ = block;
}

// Each chunk twice the last, up to kLargestChunk, and always room for a block; from the huge
// page size on, whole huge pages.
void IncidentPool::add_chunk() {
  std::size_t bytes = chunks_.empty() ? kFirstChunk : std::min(chunks_.back().bytes * 2, kLargestChunk);
  bytes = std::max(bytes, block_);
  void* data = nullptr;
  if (bytes >= lang::kHugePageSize) {
    bytes = (bytes + lang::kHugePageSize - 1) / lang::kHugePageSize * lang::kHugePageSize;
    data = map_aligned(bytes);
    lang::advise_huge_pages(data, bytes);
  } else {
    data = map(bytes);
  }
  chunks_.push_back({data, bytes});
  mapped_ += bytes;
  next_ = static_cast<std::byte*>(data);
  end_ = next_ + bytes;
}

}  // namespace writ::runtime
