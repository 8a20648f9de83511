#pragma once
// The audit trail's writing thread: hashing and storing records, and committing batches,
// run beside the engine instead of inside each event. Work is applied strictly in the order
// it is pushed, so the trail is the one a single thread would write, hash for hash; only
// when it is written changes. The queue is bounded: a producer faster than the disk waits.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "runtime/audit_checkpoint.hpp"
#include "runtime/audit_error.hpp"
#include "runtime/audit_record.hpp"
#include "runtime/audit_store.hpp"
#include "runtime/record_images.hpp"

namespace writ::runtime {

// Records to append to the open batch (opening one), as their images, then, if there is a
// checkpoint, the commit of that batch with it.
struct AuditWork {
  RecordImages records;
  std::optional<AuditCheckpoint> checkpoint;
};

class AuditPipeline {
 public:
  // `store` must be writable and outlive the pipeline; while the pipeline lives, no other
  // thread uses it.
  explicit AuditPipeline(AuditStore& store);
  // Applies what was pushed, then stops. A batch left open is the store's to roll back.
  ~AuditPipeline();
  AuditPipeline(const AuditPipeline&) = delete;
  AuditPipeline& operator=(const AuditPipeline&) = delete;

  // Queues work; waits while the queue is full. After a failure, work is dropped.
  void push(AuditWork work);
  // Waits until everything pushed so far is applied (or dropped after a failure).
  void drain();
  // Cheap to poll from the producer after every line.
  bool failed() const { return failed_.load(std::memory_order_acquire); }
  // The first failure; the store rolled its batch back, and nothing after it was applied.
  std::optional<AuditError> error() const;
  std::int64_t commits() const;
  // The emptied images of work already stored, for the producer to fill again: their
  // buffers keep their capacity, so a steady stream allocates nothing, and nothing
  // allocated by one thread is freed by the other. Without capacity when none is spare.
  RecordImages take_spare();

 private:
  void run();
  void apply(AuditWork& work);
  void keep_spare(RecordImages records);  // with mutex_ held
  void fail(AuditError error);

  AuditStore& store_;
  mutable std::mutex mutex_;
  std::condition_variable work_ready_;  // the writing thread waits for work or the stop
  std::condition_variable work_done_;   // producers wait for room or for the queue to drain
  std::deque<AuditWork> queue_;
  std::size_t queued_bytes_ = 0;  // the footprint of the records in queue_
  std::vector<RecordImages> spare_;
  std::size_t spare_bytes_ = 0;
  bool busy_ = false;  // the writing thread holds work taken off the queue
  bool stopping_ = false;
  std::atomic<bool> failed_{false};
  std::optional<AuditError> error_;
  std::int64_t commits_ = 0;
  std::thread thread_;  // last: started once the members it uses exist
};

}  // namespace writ::runtime
