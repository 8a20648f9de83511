#include "runtime/audit_store.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <array>
#include <filesystem>
#include <system_error>

#include "runtime/detail/audit_schema.hpp"
#include "runtime/detail/hash_column.hpp"
#include "runtime/detail/name_table.hpp"
#include "runtime/detail/record_reader.hpp"
#include "runtime/detail/sqlite_database.hpp"
#include "runtime/detail/sqlite_statement.hpp"
#include "runtime/detail/values_column.hpp"
#include "runtime/hash_chain.hpp"

namespace writ::runtime {

using detail::SqliteDatabase;
using detail::SqliteStatement;

namespace {

// Records inserted by one statement when several are appended together: its start and end
// (opening and freeing the cursors of the table and its index) are then paid once for all.
constexpr std::size_t kRowsPerInsert = 32;

}  // namespace

struct AuditStore::WriteStatements {
  SqliteStatement insert_record;
  SqliteStatement insert_records;  // kRowsPerInsert rows
  detail::NameTable policies;
  detail::NameTable incidents;
  SqliteStatement set_meta;
  SqliteStatement put_checkpoint;
  SqliteStatement put_state_row;
  SqliteStatement delete_state_row;
  // The columns of the record being inserted that are not its own texts.
  std::string values_buffer;
  std::string hash_bytes;
  // The bytes of the chain's end (last_hash()), the next record's prev_hash: kept beside the
  // hex so that a record's hashes reach their columns without a conversion.
  std::string head_bytes;
  // The same for the rows of insert_records, bound together before it runs.
  std::array<std::string, kRowsPerInsert> group_values;
  std::array<compiler::Digest, kRowsPerInsert> group_hashes;
  std::string group_prev;
};

namespace {

constexpr int kRecordColumns = 14;

// An INSERT of `rows` records, their columns bound in order, kRecordColumns per row. OR
// FAIL: an INSERT of several rows that may abort half-way makes SQLite copy every page it
// touches to a statement journal first, so as to undo its own rows; a failure rolls the
// whole batch back anyway.
std::string insert_records_sql(std::size_t rows) {
  std::string sql =
      "INSERT OR FAIL INTO records (seq, at_ms, incident, kind, construct, name, span, outcome, target, reason, policy, "
      "values_json, prev_hash, hash) VALUES ";
  for (std::size_t row = 0; row < rows; ++row) {
    sql += row == 0 ? "(" : ", (";
    for (int column = 0; column < kRecordColumns; ++column) sql += column == 0 ? "?" : ", ?";
    sql += ')';
  }
  return sql;
}

constexpr std::string_view kSetMeta = "UPDATE meta SET value = ?2 WHERE key = ?1";
constexpr std::string_view kPutCheckpoint =
    "INSERT OR REPLACE INTO checkpoint (id, seq, hash, input_offset, input_source, clock_ms, policy_hash, state) "
    "VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)";

constexpr std::string_view kPutStateRow = "INSERT OR REPLACE INTO state_rows (key, value) VALUES (?1, ?2)";
constexpr std::string_view kDeleteStateRow = "DELETE FROM state_rows WHERE key = ?1";

constexpr std::string_view kAppending = "cannot append to the trail";

AuditError misuse(std::string message) { return AuditError{AuditErrorKind::Misuse, std::move(message)}; }

bool file_exists(const std::string& path) {
  std::error_code ec;
  return std::filesystem::exists(std::filesystem::symlink_status(path, ec));
}

// A failed creation leaves nothing behind for the next attempt to trip over.
void remove_trail_files(const std::string& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path + suffix, ec);
}

// Read-write with writes refused, rather than SQLite's read-only mode: a read-only
// connection to a WAL trail cannot remove the -wal and -shm files it opens, and would
// leave them beside every file it read. SQLite itself falls back to read-only for a
// write-protected file; a folder where those files cannot be made gets a read-only retry.
AuditResult<std::unique_ptr<SqliteDatabase>> open_for_reading(const std::string& path, const std::string& vfs) {
  auto db = SqliteDatabase::open(path, SQLITE_OPEN_READWRITE, vfs);
  if (db.ok()) {
    AuditStatus s = db.value()->exec("PRAGMA query_only = 1", "cannot open the trail for reading");
    if (s.ok()) s = detail::read_meta(*db.value()).status();
    if (s.ok() || s.error().kind != AuditErrorKind::Io) return db;
  }
  return SqliteDatabase::open(path, SQLITE_OPEN_READONLY, vfs);
}

AuditResult<AuditHead> read_head(SqliteDatabase& db) {
  auto meta = detail::read_meta(db);
  if (!meta.ok()) return meta.error();
  return meta.value().head;
}

AuditResult<AuditHead> read_last_record(SqliteDatabase& db) {
  auto stmt = SqliteStatement::prepare(db, "SELECT seq, hash FROM records ORDER BY seq DESC LIMIT 1");
  if (!stmt.ok()) return stmt.error();
  auto row = stmt.value().step("cannot read the trail's records");
  if (!row.ok()) return row.error();
  if (!row.value()) return AuditHead{};
  AuditHead head{stmt.value().column_int(0), {}};
  compiler::hex_into(stmt.value().column_view(1), head.hash);
  return head;
}

AuditError damaged_sensitive(const AuditRecord& record, const AuditValue& value) {
  return AuditError{AuditErrorKind::Damaged, fmt::format("record {}: the digest of sensitive value `{}` does not match "
                                                         "its value",
                                                         record.seq, value.name)};
}

}  // namespace

AuditStore::AuditStore(std::string path, std::unique_ptr<SqliteDatabase> db, AuditMeta meta, bool writable)
    : path_(std::move(path)),
      db_(std::move(db)),
      meta_(std::move(meta)),
      writable_(writable),
      committed_(meta_.head),
      pending_(meta_.head) {}

AuditStore::~AuditStore() { rollback_batch(); }

AuditResult<std::unique_ptr<AuditStore>> AuditStore::open(const std::string& path, const AuditOpenOptions& options,
                                                          const std::string& salt) {
  switch (options.mode) {
    case AuditOpenMode::Create: {
      std::optional<std::string> drawn = salt.empty() ? new_salt() : salt;
      if (!drawn) return AuditError{AuditErrorKind::Io, "cannot draw a random salt from OpenSSL"};
      if (!is_hex_digest(*drawn)) return misuse("a trail's salt is 64 lower-case hex digits");
      AuditMeta meta;
      meta.salt = *drawn;
      return create(path, meta, options.vfs);
    }
    case AuditOpenMode::Append: return open_existing(path, true, options.vfs);
    case AuditOpenMode::ReadOnly: return open_existing(path, false, options.vfs);
  }
  return misuse("unknown open mode");
}

AuditResult<std::unique_ptr<AuditStore>> AuditStore::create_copy(const std::string& path, const AuditMeta& like,
                                                                 const std::string& vfs) {
  return create(path, like, vfs);
}

AuditResult<std::unique_ptr<AuditStore>> AuditStore::create(const std::string& path, const AuditMeta& meta,
                                                            const std::string& vfs) {
  if (file_exists(path)) return AuditError{AuditErrorKind::Exists, "a file already exists there"};
  auto db = SqliteDatabase::open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, vfs);
  AuditStatus made = db.ok() ? detail::create_schema(*db.value(), meta) : db.status();
  if (!made.ok()) {
    if (db.ok()) db.value().reset();
    remove_trail_files(path);
    return made.error();
  }
  AuditMeta fresh = meta;
  fresh.head = AuditHead{};
  std::unique_ptr<AuditStore> store(new AuditStore(path, std::move(db.value()), fresh, true));
  if (AuditStatus s = store->prepare_writes(); !s.ok()) return s.error();
  return store;
}

AuditResult<std::unique_ptr<AuditStore>> AuditStore::open_existing(const std::string& path, bool writable,
                                                                   const std::string& vfs) {
  if (!file_exists(path)) return AuditError{AuditErrorKind::NotFound, "no such file"};
  if (std::error_code ec; std::filesystem::is_directory(path, ec)) {
    return AuditError{AuditErrorKind::NotFound, "a folder, not a file"};
  }
  auto db = writable ? SqliteDatabase::open(path, SQLITE_OPEN_READWRITE, vfs) : open_for_reading(path, vfs);
  if (!db.ok()) return db.error();
  auto meta = detail::read_meta(*db.value());
  if (!meta.ok()) return meta.error();
  if (writable && meta.value().salt.empty()) return misuse("a redacted export takes no new records");
  std::unique_ptr<AuditStore> store(new AuditStore(path, std::move(db.value()), meta.value(), writable));
  if (!writable) return store;
  if (AuditStatus s = store->check_head_matches_records(); !s.ok()) return s.error();
  if (AuditStatus s = store->prepare_writes(); !s.ok()) return s.error();
  return store;
}

// FULL, not NORMAL: in WAL mode NORMAL skips the sync at commit, so a power cut could undo
// a commit after the engine had delivered its actions. FULL costs one fsync per batch,
// which batching amortises.
//
// A page cache of 32 MiB rather than SQLite's 2 MiB: the index by incident takes inserts all
// over its pages, and a small cache reads them back from the WAL at every batch.
AuditStatus AuditStore::prepare_writes() {
  if (AuditStatus s = db_->exec("PRAGMA synchronous = FULL", "cannot configure the trail"); !s.ok()) return s;
  if (AuditStatus s = db_->exec("PRAGMA cache_size = -32768", "cannot configure the trail"); !s.ok()) return s;
  auto insert_record = SqliteStatement::prepare(*db_, insert_records_sql(1));
  auto insert_records = SqliteStatement::prepare(*db_, insert_records_sql(kRowsPerInsert));
  auto policies = detail::NameTable::prepare(*db_, "policies", "hash");
  auto incidents = detail::NameTable::prepare(*db_, "incidents", "name");
  auto set_meta = SqliteStatement::prepare(*db_, kSetMeta);
  auto put_checkpoint = SqliteStatement::prepare(*db_, kPutCheckpoint);
  auto put_state_row = SqliteStatement::prepare(*db_, kPutStateRow);
  auto delete_state_row = SqliteStatement::prepare(*db_, kDeleteStateRow);
  for (const AuditStatus& s : {insert_record.status(), insert_records.status(), policies.status(),
                               incidents.status(), set_meta.status(), put_checkpoint.status(),
                               put_state_row.status(), delete_state_row.status()}) {
    if (!s.ok()) return s;
  }
  writes_.reset(new WriteStatements{std::move(insert_record.value()), std::move(insert_records.value()),
                                    std::move(policies.value()), std::move(incidents.value()),
                                    std::move(set_meta.value()), std::move(put_checkpoint.value()),
                                    std::move(put_state_row.value()), std::move(delete_state_row.value()),
                                    {}, {}, {}, {}, {}, {}});
  detail::hash_to_bytes(pending_.hash, writes_->head_bytes);
  return {};
}

// A head that disagrees with the records means the trail was changed outside the store;
// continuing its chain would bury that.
AuditStatus AuditStore::check_head_matches_records() const {
  auto last = read_last_record(*db_);
  if (!last.ok()) return last.error();
  if (last.value() == meta_.head) return {};
  return AuditError{AuditErrorKind::Damaged,
                    fmt::format("the trail's head names record {} but its last record is {}; run `writ audit verify`",
                                meta_.head.seq, last.value().seq)};
}

AuditStatus AuditStore::check_writing(std::string_view what) const {
  if (!writable_) return misuse(fmt::format("cannot {}: the trail is open read-only", what));
  if (!in_batch_) return misuse(fmt::format("cannot {} outside a batch", what));
  return {};
}

AuditStatus AuditStore::begin_batch() {
  if (!writable_) return misuse("cannot begin a batch: the trail is open read-only");
  if (in_batch_) return misuse("cannot begin a batch: one is already open");
  if (AuditStatus s = db_->exec("BEGIN IMMEDIATE", "cannot begin a batch"); !s.ok()) return s;
  in_batch_ = true;
  auto head = read_head(*db_);
  if (!head.ok()) return fail_batch(head.error());
  // Two writers on one trail would fork the chain: the second must not go on.
  if (!(head.value() == committed_)) {
    return fail_batch(AuditError{AuditErrorKind::Busy, "another writer has appended to the trail since it was opened"});
  }
  return {};
}

AuditStatus AuditStore::check_appendable(const AuditRecord& record, std::int64_t seq) {
  if (meta_.salt.empty()) return fail_batch(misuse("a trail without a salt (a redacted export) takes no new records"));
  for (const AuditValue& v : record.values) {
    if (!v.value) return fail_batch(misuse(fmt::format("cannot append record {}: `{}` has no value", seq, v.name)));
  }
  return {};
}

AuditStatus AuditStore::append(AuditRecord& record) {
  if (AuditStatus s = check_writing("append"); !s.ok()) return s;
  if (AuditStatus s = check_appendable(record, pending_.seq + 1); !s.ok()) return s;
  compiler::Digest digest = seal_record(record, meta_.salt, pending_.seq + 1, pending_.hash);
  std::string_view bytes = compiler::bytes_of(digest);
  if (AuditStatus s = insert(record, bytes); !s.ok()) return fail_batch(s.error());
  advance(record, bytes);
  return {};
}

AuditStatus AuditStore::append_all(std::span<AuditRecord> records) {
  if (AuditStatus s = check_writing("append"); !s.ok()) return s;
  std::size_t done = 0;
  for (; records.size() - done >= kRowsPerInsert; done += kRowsPerInsert) {
    if (AuditStatus s = append_group(records.subspan(done, kRowsPerInsert)); !s.ok()) return s;
  }
  for (; done < records.size(); ++done) {
    if (AuditStatus s = append(records[done]); !s.ok()) return s;
  }
  return {};
}

// Seals the records one after the other, binds each as a row of insert_records, then runs
// it. The head moves on with each record sealed; a failure rolls the batch back, and the
// head with it.
AuditStatus AuditStore::append_group(std::span<AuditRecord> records) {
  for (std::size_t k = 0; k < records.size(); ++k) {
    if (AuditStatus s = check_appendable(records[k], pending_.seq + 1 + static_cast<std::int64_t>(k)); !s.ok()) {
      return s;
    }
  }
  WriteStatements& w = *writes_;
  w.group_prev.assign(w.head_bytes);
  std::string_view prev = w.group_prev;
  for (std::size_t k = 0; k < records.size(); ++k) {
    AuditRecord& r = records[k];
    compiler::Digest& digest = w.group_hashes[k];
    digest = seal_record(r, meta_.salt, pending_.seq + 1, pending_.hash);
    std::string_view bytes = compiler::bytes_of(digest);
    AuditStatus s = bind_row(w.insert_records, static_cast<int>(k), r, w.group_values[k], prev, bytes);
    if (!s.ok()) {
      w.insert_records.reset();
      return fail_batch(s.error());
    }
    advance(r, bytes);
    prev = bytes;
  }
  if (AuditStatus s = w.insert_records.run(kAppending); !s.ok()) return fail_batch(s.error());
  return {};
}

AuditStatus AuditStore::append_copy(const AuditRecord& record) {
  if (AuditStatus s = check_writing("append"); !s.ok()) return s;
  auto refuse = [&](std::string why) {
    return fail_batch(AuditError{AuditErrorKind::Damaged, fmt::format("record {}: {}", record.seq, why)});
  };
  if (record.seq != pending_.seq + 1) return refuse(fmt::format("does not follow record {}", pending_.seq));
  if (record.prev_hash != pending_.hash) return refuse("its prev_hash is not the previous record's hash");
  if (record_hash(record) != record.hash) return refuse("its hash does not match its content");
  for (const AuditValue& v : record.values) {
    bool checkable = v.sensitive && v.value && !meta_.salt.empty();
    if (checkable && value_digest(meta_.salt, v.name, *v.value) != v.digest) {
      return fail_batch(damaged_sensitive(record, v));
    }
  }
  detail::hash_to_bytes(record.hash, writes_->hash_bytes);
  if (AuditStatus s = insert(record, writes_->hash_bytes); !s.ok()) return fail_batch(s.error());
  advance(record, writes_->hash_bytes);
  return {};
}

void AuditStore::advance(const AuditRecord& record, std::string_view hash_bytes) {
  pending_.seq = record.seq;
  pending_.hash.assign(record.hash);
  writes_->head_bytes.assign(hash_bytes);
}

AuditStatus AuditStore::insert(const AuditRecord& r, std::string_view hash_bytes) {
  AuditStatus s = bind_row(writes_->insert_record, 0, r, writes_->values_buffer, writes_->head_bytes, hash_bytes);
  if (!s.ok()) {
    writes_->insert_record.reset();
    return s;
  }
  return writes_->insert_record.run(kAppending);
}

// Every text is bound without a copy: the record and the buffers outlive the statement's
// run(), which resets it.
AuditStatus AuditStore::bind_row(detail::SqliteStatement& stmt, int row, const AuditRecord& r, std::string& values,
                                 std::string_view prev_bytes, std::string_view hash_bytes) {
  auto policy = writes_->policies.id(r.policy_hash);
  if (!policy.ok()) return policy.error();
  auto incident = writes_->incidents.id(r.incident);
  if (!incident.ok()) return incident.error();
  values.clear();
  detail::append_values_column(values, r.values);
  const int at = row * kRecordColumns;
  stmt.bind(at + 1, r.seq).bind(at + 2, r.at_ms).bind(at + 3, incident.value()).bind_static(at + 4, r.kind);
  stmt.bind_static(at + 5, r.construct).bind_static(at + 6, r.name).bind_static(at + 7, r.span);
  stmt.bind_static(at + 8, r.outcome).bind_static(at + 9, r.target).bind_static(at + 10, r.reason);
  stmt.bind(at + 11, policy.value()).bind_static(at + 12, values);
  stmt.bind_blob_static(at + 13, prev_bytes).bind_blob_static(at + 14, hash_bytes);
  return {};
}

AuditStatus AuditStore::commit_batch() { return finish_batch(nullptr); }

AuditStatus AuditStore::commit_batch(const AuditCheckpoint& checkpoint) { return finish_batch(&checkpoint); }

AuditStatus AuditStore::finish_batch(const AuditCheckpoint* cp) {
  if (AuditStatus s = check_writing("commit"); !s.ok()) return s;
  constexpr std::string_view kDoing = "cannot commit the batch";
  if (!(pending_ == committed_)) {
    AuditStatus s = writes_->set_meta.bind(1, "head_seq").bind(2, std::to_string(pending_.seq)).run(kDoing);
    if (s.ok()) s = writes_->set_meta.bind(1, "head_hash").bind(2, pending_.hash).run(kDoing);
    if (!s.ok()) return fail_batch(s.error());
  }
  if (cp != nullptr) {
    SqliteStatement& put = writes_->put_checkpoint;
    put.bind(1, pending_.seq).bind(2, pending_.hash).bind(3, cp->input_offset).bind(4, cp->input_source);
    put.bind(5, cp->clock_ms).bind(6, cp->policy_hash).bind_blob(7, cp->state);
    if (AuditStatus s = put.run(kDoing); !s.ok()) return fail_batch(s.error());
    if (AuditStatus s = write_state_rows(*cp); !s.ok()) return fail_batch(s.error());
  }
  if (AuditStatus s = db_->exec("COMMIT", kDoing); !s.ok()) return fail_batch(s.error());
  writes_->policies.committed();
  writes_->incidents.committed();
  in_batch_ = false;
  committed_ = pending_;
  return {};
}

// The rows are bound without a copy: the checkpoint outlives each run().
AuditStatus AuditStore::write_state_rows(const AuditCheckpoint& cp) {
  constexpr std::string_view kDoing = "cannot commit the batch";
  if (cp.state_whole) {
    if (AuditStatus s = db_->exec("DELETE FROM state_rows", kDoing); !s.ok()) return s;
  }
  for (const StateRow& row : cp.state_rows) {
    SqliteStatement& stmt = row.value ? writes_->put_state_row : writes_->delete_state_row;
    stmt.bind_blob_static(1, row.key);
    if (row.value) stmt.bind_blob_static(2, *row.value);
    if (AuditStatus s = stmt.run(kDoing); !s.ok()) return s;
  }
  return {};
}

AuditError AuditStore::fail_batch(AuditError error) {
  rollback_batch();
  error.message += " (the batch was rolled back)";
  return error;
}

void AuditStore::rollback_batch() {
  if (!in_batch_) return;
  // SQLite has already rolled back after some errors (a full disk, an I/O error).
  if (sqlite3_get_autocommit(db_->handle()) == 0) (void)db_->exec("ROLLBACK", "");
  in_batch_ = false;
  pending_ = committed_;
  // The batch may have added policies and incidents: their rows are gone with it.
  if (writes_) {
    writes_->policies.rolled_back();
    writes_->incidents.rolled_back();
    detail::hash_to_bytes(pending_.hash, writes_->head_bytes);
  }
}

AuditResult<std::optional<AuditCheckpoint>> AuditStore::last_checkpoint() const {
  auto stmt = SqliteStatement::prepare(
      *db_, "SELECT seq, hash, input_offset, input_source, clock_ms, policy_hash, state FROM checkpoint WHERE id = 1");
  if (!stmt.ok()) return stmt.error();
  SqliteStatement& row = stmt.value();
  auto found = row.step("cannot read the checkpoint");
  if (!found.ok()) return found.error();
  if (!found.value()) return std::optional<AuditCheckpoint>();
  AuditCheckpoint cp;
  cp.seq = row.column_int(0);
  cp.hash = row.column_text(1);
  cp.input_offset = row.column_int(2);
  cp.input_source = row.column_text(3);
  cp.clock_ms = row.column_int(4);
  cp.policy_hash = row.column_text(5);
  cp.state = row.column_text(6);
  return std::optional<AuditCheckpoint>(std::move(cp));
}

AuditResult<std::vector<StateRow>> AuditStore::state_rows() const {
  auto stmt = SqliteStatement::prepare(*db_, "SELECT key, value FROM state_rows ORDER BY key");
  if (!stmt.ok()) return stmt.error();
  std::vector<StateRow> rows;
  for (;;) {
    auto row = stmt.value().step("cannot read the checkpoint's state");
    if (!row.ok()) return row.error();
    if (!row.value()) return rows;
    rows.push_back(StateRow{stmt.value().column_text(0), stmt.value().column_text(1)});
  }
}

AuditResult<AuditHead> AuditStore::committed_head() const { return read_head(*db_); }

AuditStatus AuditStore::for_each_record(const RecordVisitor& visit, const RecordParts& parts) const {
  return detail::read_records(*db_, std::nullopt, visit, parts);
}

AuditStatus AuditStore::for_each_record_of_incident(std::string_view incident, const RecordVisitor& visit) const {
  return detail::read_records(*db_, incident, visit);
}

AuditStatus AuditStore::in_snapshot(const std::function<AuditStatus()>& body) const {
  // Inside a batch or an outer snapshot, the open transaction already is the snapshot.
  if (sqlite3_get_autocommit(db_->handle()) == 0) return body();
  if (AuditStatus s = db_->exec("BEGIN", "cannot start reading"); !s.ok()) return s;
  AuditStatus result = body();
  (void)db_->exec(result.ok() ? "COMMIT" : "ROLLBACK", "");
  return result;
}

}  // namespace writ::runtime
