#pragma once
// How far a running writer has committed: the input position of a trail's checkpoint, read
// while the writer goes on, so that a kill test can wait for a commit before it kills.
#include <sys/stat.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <thread>

#include "runtime/audit_store.hpp"

namespace writ::test {

// The checkpoint's input_offset; -1 while there is no trail or no checkpoint yet.
inline std::int64_t committed_offset(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return -1;
  auto store = runtime::AuditStore::open(path, {});
  if (!store.ok()) return -1;
  auto cp = store.value()->last_checkpoint();
  return cp.ok() && cp.value() ? cp.value()->input_offset : -1;
}

// Waits up to 20 s for the trail to commit at least `offset`; its offset then.
inline std::int64_t await_commit(const std::string& path, std::int64_t offset) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (committed_offset(path) < offset && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return committed_offset(path);
}

}  // namespace writ::test
