#include "runtime/audit_pipeline.hpp"

#include <pthread.h>

#include <utility>

namespace writ::runtime {

namespace {

// The memory the records waiting in the queue may take, and the spare buffers kept for
// reuse as much again. A commit of 100,000 lines stops the writing thread for 175-305 ms on
// the benchmark machine (the WAL's fsync and the checkpoint into the database) while the
// engine goes on making about a million records a second, some 300 bytes each: a queue too
// small to take them stops the engine too, for the rest of the commit. With 4,096 records,
// the replay of bench/RESULTS.md took a third longer in wall time.
constexpr std::size_t kMaxQueuedBytes = std::size_t{64} << 20;

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
  work_done_.wait(lock, [&] { return queued_bytes_ < kMaxQueuedBytes || error_; });
  if (error_) return;
  queued_bytes_ += work.records.footprint();
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
  spare_bytes_ -= records.footprint();
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
    queued_bytes_ -= work.records.footprint();
    busy_ = true;
    lock.unlock();
    work_done_.notify_all();
    apply(work);
    lock.lock();
    busy_ = false;
    if (work.checkpoint && !error_) ++commits_;
    if (error_) {
      queue_.clear();
      queued_bytes_ = 0;
    }
    keep_spare(std::move(work.records));
    work_done_.notify_all();
  }
}

void AuditPipeline::keep_spare(RecordImages records) {
  std::size_t bytes = records.footprint();
  if (spare_bytes_ + bytes > kMaxQueuedBytes) return;
  spare_bytes_ += bytes;
  spare_.push_back(std::move(records));
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
