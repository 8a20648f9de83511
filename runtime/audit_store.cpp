#include "runtime/audit_store.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <filesystem>
#include <system_error>

#include "runtime/detail/audit_schema.hpp"
#include "runtime/detail/block_builder.hpp"
#include "runtime/detail/hash_column.hpp"
#include "runtime/detail/image_reader.hpp"
#include "runtime/detail/name_table.hpp"
#include "runtime/detail/record_reader.hpp"
#include "runtime/detail/sqlite_database.hpp"
#include "runtime/detail/sqlite_statement.hpp"
#include "runtime/hash_chain.hpp"

namespace writ::runtime {

using detail::SqliteDatabase;
using detail::SqliteStatement;

struct AuditStore::WriteStatements {
  SqliteStatement insert_block;
  detail::NameTable policies;
  detail::NameTable incidents;
  detail::NameTable sites;
  SqliteStatement set_meta;
  SqliteStatement put_checkpoint;
  SqliteStatement put_state_row;
  SqliteStatement delete_state_row;
  // The block being filled: stored when full and at the commit.
  detail::BlockBuilder block;
  std::string hash_bytes;
  std::string site_key;
  // The bytes of the chain's end (last_hash()), the next record's prev_hash: kept beside the
  // hex so that a record's hashes reach its block without a conversion.
  std::string head_bytes;
};

namespace {

constexpr std::string_view kInsertBlock =
    "INSERT INTO blocks (first_seq, prev_hash, hashes, body) VALUES (?1, ?2, ?3, ?4)";
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

// The last block's last hash: its seq follows from the block's first and its count of
// hashes, so neither its body nor the view is read.
AuditResult<AuditHead> read_last_record(SqliteDatabase& db) {
  auto stmt = SqliteStatement::prepare(db, "SELECT first_seq, hashes FROM blocks ORDER BY first_seq DESC LIMIT 1");
  if (!stmt.ok()) return stmt.error();
  auto row = stmt.value().step("cannot read the trail's records");
  if (!row.ok()) return row.error();
  if (!row.value()) return AuditHead{};
  std::string_view hashes = stmt.value().column_view(1);
  using detail::kHashBytes;
  if (hashes.size() < kHashBytes || hashes.size() % kHashBytes != 0) {
    return AuditError{AuditErrorKind::Damaged, "the trail's last block is damaged; run `writ audit verify`"};
  }
  auto count = static_cast<std::int64_t>(hashes.size() / kHashBytes);
  AuditHead head{stmt.value().column_int(0) + count - 1, {}};
  compiler::hex_into(hashes.substr(hashes.size() - kHashBytes), head.hash);
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
// A page cache of 32 MiB rather than SQLite's 2 MiB: a batch dirties more pages than 2 MiB
// hold, and a small cache spills them to the WAL before the commit.
AuditStatus AuditStore::prepare_writes() {
  if (AuditStatus s = db_->exec("PRAGMA synchronous = FULL", "cannot configure the trail"); !s.ok()) return s;
  if (AuditStatus s = db_->exec("PRAGMA cache_size = -32768", "cannot configure the trail"); !s.ok()) return s;
  auto insert_block = SqliteStatement::prepare(*db_, kInsertBlock);
  auto policies = detail::NameTable::prepare(*db_, "policies", {"hash"});
  auto incidents = detail::NameTable::prepare(*db_, "incidents", {"name"});
  auto sites =
      detail::NameTable::prepare(*db_, "sites", {"kind", "construct", "name", "span", "outcome", "target"});
  auto set_meta = SqliteStatement::prepare(*db_, kSetMeta);
  auto put_checkpoint = SqliteStatement::prepare(*db_, kPutCheckpoint);
  auto put_state_row = SqliteStatement::prepare(*db_, kPutStateRow);
  auto delete_state_row = SqliteStatement::prepare(*db_, kDeleteStateRow);
  for (const AuditStatus& s : {insert_block.status(), policies.status(), incidents.status(), sites.status(),
                               set_meta.status(), put_checkpoint.status(), put_state_row.status(),
                               delete_state_row.status()}) {
    if (!s.ok()) return s;
  }
  writes_.reset(new WriteStatements{std::move(insert_block.value()), std::move(policies.value()),
                                    std::move(incidents.value()), std::move(sites.value()),
                                    std::move(set_meta.value()), std::move(put_checkpoint.value()),
                                    std::move(put_state_row.value()), std::move(delete_state_row.value()),
                                    {}, {}, {}, {}});
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

// A redacted export has no salt to digest sensitive values with.
AuditStatus AuditStore::check_salted() {
  if (meta_.salt.empty()) return fail_batch(misuse("a trail without a salt (a redacted export) takes no new records"));
  return {};
}

AuditStatus AuditStore::check_appendable(const AuditRecord& record, std::int64_t seq) {
  if (AuditStatus s = check_salted(); !s.ok()) return s;
  for (const AuditValue& v : record.values) {
    if (!v.value) return fail_batch(misuse(fmt::format("cannot append record {}: `{}` has no value", seq, v.name)));
  }
  return {};
}

AuditStatus AuditStore::append(AuditRecord& record) {
  if (AuditStatus s = check_writing("append"); !s.ok()) return s;
  if (AuditStatus s = check_appendable(record, pending_.seq + 1); !s.ok()) return s;
  compiler::Digest digest = seal_record(record, meta_.salt, pending_.seq + 1, pending_.hash);
  if (AuditStatus s = add_to_block(record, compiler::bytes_of(digest)); !s.ok()) return fail_batch(s.error());
  return {};
}

AuditStatus AuditStore::append_all(std::span<AuditRecord> records) {
  for (AuditRecord& record : records) {
    if (AuditStatus s = append(record); !s.ok()) return s;
  }
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
  if (AuditStatus s = add_to_block(record, writes_->hash_bytes); !s.ok()) return fail_batch(s.error());
  return {};
}

AuditStatus AuditStore::append_images(const RecordImages& images) {
  if (AuditStatus s = check_writing("append"); !s.ok()) return s;
  if (AuditStatus s = check_salted(); !s.ok()) return s;
  std::string_view secrets = images.secrets();
  detail::ImageFields fields;
  for (std::size_t i = 0; i < images.size(); ++i) {
    if (AuditStatus s = add_image(images.image(i), secrets, fields); !s.ok()) return fail_batch(s.error());
  }
  return {};
}

AuditStatus AuditStore::add_image(std::string_view image, std::string_view& secrets, detail::ImageFields& r) {
  std::int64_t seq = pending_.seq + 1;
  if (!detail::read_image(image, secrets, r)) {
    return misuse(fmt::format("cannot append record {}: its image is not a record's encoding", seq));
  }
  if (r.seq != seq) return misuse(fmt::format("cannot append record {} as record {}", r.seq, seq));
  compiler::Digest digest = encoding_digest(pending_.hash, image);
  auto ids = ids_of(r.policy_hash, r.incident, r.site);
  if (!ids.ok()) return ids.error();
  writes_->block.add(image, r, ids.value(), writes_->head_bytes, compiler::bytes_of(digest));
  compiler::hex_into(compiler::bytes_of(digest), pending_.hash);
  return advance(seq, compiler::bytes_of(digest));
}

// The record joins the open block, which is stored once full; the head moves on with it.
AuditStatus AuditStore::add_to_block(const AuditRecord& r, std::string_view hash_bytes) {
  WriteStatements& w = *writes_;
  const std::string_view site_texts[] = {r.kind, r.construct, r.name, r.span, r.outcome, r.target};
  detail::NameTable::encode_key(site_texts, w.site_key);
  auto ids = ids_of(r.policy_hash, r.incident, w.site_key);
  if (!ids.ok()) return ids.error();
  w.block.add(r, ids.value(), w.head_bytes, hash_bytes);
  pending_.hash.assign(r.hash);
  return advance(r.seq, hash_bytes);
}

AuditResult<detail::RecordIds> AuditStore::ids_of(std::string_view policy, std::string_view incident,
                                                  std::string_view site_key) {
  WriteStatements& w = *writes_;
  detail::RecordIds ids;
  auto policy_id = w.policies.id_of_key(policy);
  if (!policy_id.ok()) return policy_id.error();
  auto incident_id = w.incidents.id_of_key(incident);
  if (!incident_id.ok()) return incident_id.error();
  auto site_id = w.sites.id_of_key(site_key);
  if (!site_id.ok()) return site_id.error();
  ids.policy = policy_id.value();
  ids.incident = incident_id.value();
  ids.site = site_id.value();
  return ids;
}

// The head has moved to record `seq` (pending_.hash set by the caller); the block is
// stored once full.
AuditStatus AuditStore::advance(std::int64_t seq, std::string_view hash_bytes) {
  pending_.seq = seq;
  writes_->head_bytes.assign(hash_bytes);
  return writes_->block.full() ? store_block() : AuditStatus{};
}

// Every part is bound without a copy: the builder outlives the statement's run().
AuditStatus AuditStore::store_block() {
  detail::BlockBuilder& block = writes_->block;
  SqliteStatement& insert = writes_->insert_block;
  insert.bind(1, block.first_seq()).bind_blob_static(2, block.prev_hash()).bind_blob_static(3, block.hashes());
  AuditStatus s = insert.bind_static(4, block.finish_body()).run(kAppending);
  block.clear();
  return s;
}

AuditStatus AuditStore::commit_batch() { return finish_batch(nullptr); }

AuditStatus AuditStore::commit_batch(const AuditCheckpoint& checkpoint) { return finish_batch(&checkpoint); }

AuditStatus AuditStore::finish_batch(const AuditCheckpoint* cp) {
  if (AuditStatus s = check_writing("commit"); !s.ok()) return s;
  constexpr std::string_view kDoing = "cannot commit the batch";
  if (!writes_->block.empty()) {
    if (AuditStatus s = store_block(); !s.ok()) return fail_batch(s.error());
  }
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
  writes_->sites.committed();
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
  // The batch may have added policies, incidents and sites: their rows are gone with it,
  // and so is the block it was filling.
  if (writes_) {
    writes_->policies.rolled_back();
    writes_->incidents.rolled_back();
    writes_->sites.rolled_back();
    writes_->block.clear();
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
