#include "runtime/audit_pipeline.hpp"

#include <pthread.h>

#include <utility>

namespace writ::runtime {

namespace {

// Pieces of work waiting at most (4,096 records): enough to ride out a commit's fsync. Not
// more: the writing thread is the slower one, so a deeper queue only holds more records,
// each filled on one core and read on the other after the caches have dropped it, and
// makes a short run allocate more records before the first come back.
constexpr std::size_t kMaxQueued = 16;

}  // namespace

AuditPipeline::AuditPipeline(AuditStore& store) : store_(store), thread_([this] { run(); }) {}

AuditPipeline::~AuditPipeline() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  work_ready_.notify_one();
  thread_.join();
}

void AuditPipeline::push(AuditWork work) {
  std::unique_lock lock(mutex_);
  work_done_.wait(lock, [&] { return queue_.size() < kMaxQueued || error_; });
  if (error_) return;
  queue_.push_back(std::move(work));
  lock.unlock();
  work_ready_.notify_one();
}

void AuditPipeline::drain() {
  std::unique_lock lock(mutex_);
  work_done_.wait(lock, [&] { return queue_.empty() && !busy_; });
}

std::optional<AuditError> AuditPipeline::error() const {
  std::lock_guard lock(mutex_);
  return error_;
}

RecordImages AuditPipeline::take_spare() {
  std::lock_guard lock(mutex_);
  if (spare_.empty()) return {};
  RecordImages records = std::move(spare_.back());
  spare_.pop_back();
  records.clear();
  return records;
}

std::int64_t AuditPipeline::commits() const {
  std::lock_guard lock(mutex_);
  return commits_;
}

void AuditPipeline::run() {
  // Named so that top, perf and debuggers tell it from the engine's thread.
  pthread_setname_np(pthread_self(), "writ-audit");
  std::unique_lock lock(mutex_);
  for (;;) {
    work_ready_.wait(lock, [&] { return !queue_.empty() || stopping_; });
    if (queue_.empty()) return;
    AuditWork work = std::move(queue_.front());
    queue_.pop_front();
    busy_ = true;
    lock.unlock();
    work_done_.notify_all();
    apply(work);
    lock.lock();
    busy_ = false;
    if (work.checkpoint && !error_) ++commits_;
    if (error_) queue_.clear();
    if (spare_.size() < kMaxQueued) spare_.push_back(std::move(work.records));
    work_done_.notify_all();
  }
}

void AuditPipeline::apply(AuditWork& work) {
  if (failed()) return;
  if (!store_.in_batch()) {
    if (AuditStatus s = store_.begin_batch(); !s.ok()) return fail(s.error());
  }
  if (AuditStatus s = store_.append_images(work.records); !s.ok()) return fail(s.error());
  if (!work.checkpoint) return;
  if (AuditStatus s = store_.commit_batch(*work.checkpoint); !s.ok()) fail(s.error());
}

void AuditPipeline::fail(AuditError error) {
  std::lock_guard lock(mutex_);
  error_ = std::move(error);
  failed_.store(true, std::memory_order_release);
}

}  // namespace writ::runtime
