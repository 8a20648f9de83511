#pragma once
// Where an engine's incidents live. Every incident of one engine is a block of one size (its
// IncidentShape), so blocks are carved from large chunks and a closed incident's block goes
// to the next incident to open, without malloc. Chunks from 2 MiB on are mapped on huge-page
// boundaries and advised for transparent huge pages: at 100,000 open incidents, faulting in
// new incidents a 4 KiB page at a time was the largest cost of opening them on a virtual
// machine, and an event's incident, anywhere in 100 MB, a TLB miss besides its cache miss.
#include <cstddef>
#include <vector>

namespace writ::runtime {

class IncidentPool {
 public:
  // Blocks of `block_bytes` (at least a pointer's size), aligned for any incident part.
  explicit IncidentPool(std::size_t block_bytes);
  ~IncidentPool();
  IncidentPool(const IncidentPool&) = delete;
  IncidentPool& operator=(const IncidentPool&) = delete;

  void* take();
  // `block` came from take() and is not in use any more.
  void give_back(void* block);
  // The bytes of the blocks handed out so far, in use or given back, for memory accounting:
  // the chunks are mapped directly, not malloc's, and the rest of the last one is untouched.
  std::size_t used_bytes() const { return mapped_ - static_cast<std::size_t>(end_ - next_); }

 private:
  struct Chunk {
    void* data;
    std::size_t bytes;
  };
  void add_chunk();

  std::size_t block_;
  std::vector<Chunk> chunks_;
  std::byte* next_ = nullptr;  // the current chunk's first block not yet handed out
  std::byte* end_ = nullptr;
  void* free_ = nullptr;  // blocks given back, each holding the next one's address
  std::size_t mapped_ = 0;
};

}  // namespace writ::runtime
