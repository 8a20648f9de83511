#pragma once
// The audit trail in SQLite: records appended in batches that commit together with the
// engine's checkpoint, so a resumed run continues exactly after the last commit; and the
// reads behind verify, export, timeline and why. Every failure is an AuditError value.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/audit_checkpoint.hpp"
#include "runtime/audit_error.hpp"
#include "runtime/audit_meta.hpp"
#include "runtime/audit_record.hpp"
#include "runtime/record_images.hpp"

namespace writ::runtime {

namespace detail {
struct ImageFields;
struct RecordIds;
class SqliteDatabase;
class SqliteStatement;
}  // namespace detail

enum class AuditOpenMode {
  Create,    // a new trail; refuses a path where a file exists
  Append,    // an existing trail, continuing its chain (a resumed run)
  ReadOnly,  // an existing trail, for reading and verifying
};

struct AuditOpenOptions {
  AuditOpenMode mode = AuditOpenMode::ReadOnly;
  // An SQLite VFS registered by the embedder (fault-injection tests use a failing one);
  // empty for SQLite's default file layer.
  std::string vfs;
};

class AuditStore {
 public:
  // Return false to stop the walk.
  using RecordVisitor = std::function<bool(const AuditRecord&)>;

  // `salt`, for AuditOpenMode::Create only: the new trail's salt of its digests, 64
  // lower-case hex digits, to reproduce a trail byte for byte (docs/audit.md, "Reproducible
  // trails"); empty: 32 random bytes from OpenSSL.
  static AuditResult<std::unique_ptr<AuditStore>> open(const std::string& path, const AuditOpenOptions& options,
                                                       const std::string& salt = {});
  // A new trail with `like`'s salt and redaction mark, to receive another trail's records
  // through append_copy (writ audit export). An empty salt makes a trail that only copies.
  static AuditResult<std::unique_ptr<AuditStore>> create_copy(const std::string& path, const AuditMeta& like,
                                                              const std::string& vfs = {});
  ~AuditStore();  // rolls back a batch that was not committed
  AuditStore(const AuditStore&) = delete;
  AuditStore& operator=(const AuditStore&) = delete;

  const std::string& path() const { return path_; }
  // Format, salt and redaction as read at open; meta().head is the head as of open.
  const AuditMeta& meta() const { return meta_; }

  // Writing. A batch is one transaction: its records, the new head and the checkpoint are
  // committed together or not at all. Any failure inside a batch rolls the whole batch
  // back, and last_seq()/last_hash() return to the last commit.
  AuditStatus begin_batch();
  // Assigns seq, prev_hash, the digests of sensitive values and hash, then stores the record.
  AuditStatus append(AuditRecord& record);
  // append() of each record in turn.
  AuditStatus append_all(std::span<AuditRecord> records);
  // Stores records given as their images, hashing each from its bytes: what append() of
  // the same records stores, byte for byte. Each image must carry the seq that continues
  // the chain and the digests of its sensitive values under the trail's salt, which the
  // store cannot check without re-hashing the values.
  AuditStatus append_images(const RecordImages& images);
  // Stores a record that already carries seq, prev_hash and hash; refuses one that does not
  // continue the chain or whose hash is wrong. For copies of a trail.
  AuditStatus append_copy(const AuditRecord& record);
  // Commits the batch. The engine passes the checkpoint that resumes after it; a commit
  // without one keeps the previous checkpoint.
  AuditStatus commit_batch();
  AuditStatus commit_batch(const AuditCheckpoint& checkpoint);
  void rollback_batch();
  bool in_batch() const { return in_batch_; }

  // The end of the chain, counting the records appended in the open batch.
  std::int64_t last_seq() const { return pending_.seq; }
  const std::string& last_hash() const { return pending_.hash; }

  // Reading: what the last commit stored.
  AuditResult<std::optional<AuditCheckpoint>> last_checkpoint() const;
  // The state rows as the checkpoints' changes left them, in key order.
  AuditResult<std::vector<StateRow>> state_rows() const;
  AuditResult<AuditHead> committed_head() const;
  AuditStatus for_each_record(const RecordVisitor& visit, const RecordParts& parts = {}) const;
  AuditStatus for_each_record_of_incident(std::string_view incident, const RecordVisitor& visit) const;
  // Runs `body` inside one read transaction, so that all its reads see the same commit
  // while a writer goes on appending.
  AuditStatus in_snapshot(const std::function<AuditStatus()>& body) const;

 private:
  AuditStore(std::string path, std::unique_ptr<detail::SqliteDatabase> db, AuditMeta meta, bool writable);
  static AuditResult<std::unique_ptr<AuditStore>> create(const std::string& path, const AuditMeta& meta,
                                                         const std::string& vfs);
  static AuditResult<std::unique_ptr<AuditStore>> open_existing(const std::string& path, bool writable,
                                                                const std::string& vfs);
  AuditStatus prepare_writes();
  AuditStatus check_head_matches_records() const;
  AuditStatus check_writing(std::string_view what) const;
  AuditStatus check_salted();
  AuditStatus check_appendable(const AuditRecord& record, std::int64_t seq);
  AuditStatus add_to_block(const AuditRecord& record, std::string_view hash_bytes);
  AuditStatus add_image(std::string_view image, std::string_view& secrets, detail::ImageFields& fields);
  AuditResult<detail::RecordIds> ids_of(std::string_view policy, std::string_view incident, std::string_view site_key);
  AuditStatus advance(std::int64_t seq, std::string_view hash_bytes);
  AuditStatus store_block();
  AuditStatus finish_batch(const AuditCheckpoint* checkpoint);
  AuditStatus write_state_rows(const AuditCheckpoint& checkpoint);
  AuditError fail_batch(AuditError error);

  std::string path_;
  std::unique_ptr<detail::SqliteDatabase> db_;
  AuditMeta meta_;
  bool writable_;
  bool in_batch_ = false;
  AuditHead committed_;
  AuditHead pending_;
  struct WriteStatements;
  std::unique_ptr<WriteStatements> writes_;
};

}  // namespace writ::runtime
