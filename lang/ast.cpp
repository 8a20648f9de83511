#include "lang/ast.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <new>
#include <utility>
#include <vector>

#include "lang/huge_pages.hpp"
#if __has_include(<sanitizer/asan_interface.h>)
#include <sanitizer/asan_interface.h>  // its macros do nothing unless AddressSanitizer is on
#endif
#ifndef ASAN_POISON_MEMORY_REGION
#define ASAN_POISON_MEMORY_REGION(addr, size) ((void)(addr), (void)(size))
#define ASAN_UNPOISON_MEMORY_REGION(addr, size) ((void)(addr), (void)(size))
#endif

namespace writ::lang {

// ---------------------------------------------------------------------------------------
// Expression nodes and their arena

namespace {

constexpr std::size_t kFirstChunk = 16 * 1024;  // a small file's nodes take a few
constexpr std::size_t kMaxChunk = 32 * kHugePageSize;

std::align_val_t chunk_alignment(std::size_t size) {
  return std::align_val_t{size >= kHugePageSize ? kHugePageSize : alignof(std::max_align_t)};
}

// The chunks of arenas that were destroyed, kept for the process's next arenas. Memory
// handed back to the kernel and asked for again must be faulted in (and zeroed) anew,
// which on this kind of machine costs more than reading a file; a process that reads
// files one after another, or the same one again (as bench/parser_bench does), reuses
// these instead. At most kMaxCachedBytes are kept: the chunks of one arena of about
// 500,000 nodes. Arenas grow through the same chunk sizes, so a kept chunk fits exactly.
class ChunkCache {
 public:
  static constexpr std::size_t kMaxCachedBytes = 64 * kHugePageSize;

  // Never destroyed, so an arena destroyed during static destruction can still use it;
  // what it keeps at exit stays reachable, so leak checkers do not report it.
  static ChunkCache& instance() {
    static auto* cache = new ChunkCache;
    return *cache;
  }

  // A kept chunk of exactly `size` bytes, or null.
  std::byte* take(std::size_t size) {
    std::lock_guard lock(mutex_);
    auto it = std::find_if(chunks_.begin(), chunks_.end(), [&](const auto& c) { return c.second == size; });
    if (it == chunks_.end()) return nullptr;
    std::byte* data = it->first;
    bytes_ -= size;
    chunks_.erase(it);
    return data;
  }
  // Keeps the chunk if there is room; returns false when the caller must free it.
  bool keep(std::byte* data, std::size_t size) {
    std::lock_guard lock(mutex_);
    if (bytes_ + size > kMaxCachedBytes) return false;
    chunks_.emplace_back(data, size);
    bytes_ += size;
    return true;
  }

 private:
  std::mutex mutex_;
  std::vector<std::pair<std::byte*, std::size_t>> chunks_;
  std::size_t bytes_ = 0;
};

}  // namespace

void ExprDeleter::operator()(Expr* e) const noexcept {
  if (!e->in_arena_) {
    delete e;
    return;
  }
  e->~Expr();
  // Under AddressSanitizer, a read of the node after this is reported as an error.
  ASAN_POISON_MEMORY_REGION(e, sizeof(Expr));
}

AstArena::AstArena(AstArena&& other) noexcept
    : chunks_(std::exchange(other.chunks_, {})),
      next_(std::exchange(other.next_, nullptr)),
      end_(std::exchange(other.end_, nullptr)) {}

AstArena& AstArena::operator=(AstArena&& other) noexcept {
  std::swap(chunks_, other.chunks_);
  std::swap(next_, other.next_);
  std::swap(end_, other.end_);
  return *this;
}

AstArena::~AstArena() {
  for (const Chunk& chunk : chunks_) {
    // Nodes are destroyed already: the chunk is poisoned, free or kept.
    ASAN_POISON_MEMORY_REGION(chunk.data, chunk.size);
    if (ChunkCache::instance().keep(chunk.data, chunk.size)) continue;
    ASAN_UNPOISON_MEMORY_REGION(chunk.data, chunk.size);
    // Not the sized form: clang declares it only with -fsized-deallocation.
    ::operator delete(chunk.data, chunk_alignment(chunk.size));
  }
}

void AstArena::grow(std::size_t at_least) {
  std::size_t size = chunks_.empty() ? kFirstChunk : std::min(2 * chunks_.back().size, kMaxChunk);
  // Only a name of thousands of parts asks for more than a chunk.
  if (size < at_least) size = (at_least + kFirstChunk - 1) / kFirstChunk * kFirstChunk;
  std::byte* data = ChunkCache::instance().take(size);
  if (data == nullptr) {
    data = static_cast<std::byte*>(::operator new(size, chunk_alignment(size)));
    advise_huge_pages(data, size);  // whole huge pages only: none in the small first chunks
  }
  chunks_.push_back({data, size});
  next_ = data;
  end_ = data + size;
  // Under AddressSanitizer, the part not yet handed out is unaddressable.
  ASAN_POISON_MEMORY_REGION(data, size);
}

void* AstArena::allocate(std::size_t bytes, std::size_t alignment) {
  auto misalignment = reinterpret_cast<std::uintptr_t>(next_) % alignment;
  std::size_t padding = misalignment == 0 ? 0 : alignment - misalignment;
  if (next_ == nullptr || static_cast<std::size_t>(end_ - next_) < padding + bytes) {
    grow(bytes);  // a new chunk's start is aligned for anything
    padding = 0;
  }
  std::byte* at = next_ + padding;
  next_ = at + bytes;
  ASAN_UNPOISON_MEMORY_REGION(at, bytes);
  return at;
}

ExprPtr AstArena::make() {
  Expr* e = new (allocate(sizeof(Expr), alignof(Expr))) Expr();
  e->in_arena_ = true;
  return ExprPtr(e);
}

void* arena_allocate(AstArena& arena, std::size_t bytes, std::size_t alignment) {
  return arena.allocate(bytes, alignment);
}

// ---------------------------------------------------------------------------------------

std::string Path::str() const {
  std::string out;
  for (const auto& part : parts) {
    if (!out.empty()) out += '.';
    out += part.text;
  }
  return out;
}

const Span& decl_span(const Decl& decl) {
  return std::visit([](const auto& d) -> const Span& { return d.span; }, decl);
}

const Annotations& decl_annotations(const Decl& decl) {
  return std::visit([](const auto& d) -> const Annotations& { return d.annotations; }, decl);
}

const char* binary_op_text(BinaryOp op) {
  switch (op) {
    case BinaryOp::Or: return "or";
    case BinaryOp::And: return "and";
    case BinaryOp::Eq: return "==";
    case BinaryOp::Ne: return "!=";
    case BinaryOp::Lt: return "<";
    case BinaryOp::Le: return "<=";
    case BinaryOp::Gt: return ">";
    case BinaryOp::Ge: return ">=";
    case BinaryOp::In: return "in";
    case BinaryOp::NotIn: return "not in";
    case BinaryOp::Contains: return "contains";
    case BinaryOp::ContainsAll: return "contains all";
    case BinaryOp::ContainsAny: return "contains any";
    case BinaryOp::Add: return "+";
    case BinaryOp::Sub: return "-";
    case BinaryOp::Mul: return "*";
    case BinaryOp::Div: return "/";
    case BinaryOp::Mod: return "%";
  }
  return "?";
}

const char* weekday_text(Weekday day) {
  switch (day) {
    case Weekday::Mon: return "mon";
    case Weekday::Tue: return "tue";
    case Weekday::Wed: return "wed";
    case Weekday::Thu: return "thu";
    case Weekday::Fri: return "fri";
    case Weekday::Sat: return "sat";
    case Weekday::Sun: return "sun";
  }
  return "?";
}

}  // namespace writ::lang
