#include "runtime/audit_export.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <system_error>

#include "runtime/audit_store.hpp"
#include "runtime/audit_verify.hpp"

namespace writ::runtime {

namespace {

// Records per transaction of the copy: bounds the write-ahead log of a large export.
constexpr std::int64_t kCopyBatch = 10'000;

// Messages name the file they are about: the export involves two.
AuditError about(const std::string& path, AuditError error) {
  error.message = fmt::format("{}: {}", path, error.message);
  return error;
}

std::int64_t redact(AuditRecord& record) {
  std::int64_t dropped = 0;
  for (AuditValue& v : record.values) {
    if (v.sensitive && v.value) {
      v.value.reset();
      ++dropped;
    }
  }
  return dropped;
}

AuditStatus check_source(const AuditStore& source) {
  auto verified = verify_trail(source);
  if (!verified.ok()) return verified.error();
  const AuditVerifyReport& report = verified.value();
  if (report.ok) return {};
  return AuditError{AuditErrorKind::Damaged, fmt::format("record {}: {}; nothing was exported", report.bad_seq,
                                                         report.reason)};
}

AuditStatus copy_records(const AuditStore& source, AuditStore& target, const AuditExportOptions& options,
                         AuditExportReport& report) {
  if (AuditStatus s = target.begin_batch(); !s.ok()) return s;
  AuditStatus failed;
  AuditStatus walked = source.for_each_record([&](const AuditRecord& original) {
    AuditRecord copy = original;
    if (options.redact) report.values_dropped += redact(copy);
    failed = target.append_copy(copy);
    if (failed.ok() && ++report.records % kCopyBatch == 0) {
      failed = target.commit_batch();
      if (failed.ok()) failed = target.begin_batch();
    }
    return failed.ok();
  });
  if (!walked.ok()) return walked;
  if (!failed.ok()) return failed;
  return target.commit_batch();
}

AuditStatus export_open(const AuditStore& source, const std::string& to, const AuditExportOptions& options,
                        AuditExportReport& report) {
  if (AuditStatus s = check_source(source); !s.ok()) return about(source.path(), s.error());
  AuditMeta like = source.meta();
  if (options.redact) {
    like.salt.clear();
    like.redacted = true;
  }
  auto target = AuditStore::create_copy(to, like, options.vfs);
  if (!target.ok()) return about(to, target.error());
  AuditStatus copied = copy_records(source, *target.value(), options, report);
  target.value().reset();
  if (copied.ok()) return {};
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(to + suffix, ec);
  return about(to, copied.error());
}

}  // namespace

AuditResult<AuditExportReport> export_trail(const std::string& from, const std::string& to,
                                            const AuditExportOptions& options) {
  auto source = AuditStore::open(from, AuditOpenOptions{AuditOpenMode::ReadOnly, {}});
  if (!source.ok()) return about(from, source.error());
  AuditExportReport report;
  // One snapshot for the check and the copy: records a writer appends meanwhile are
  // neither verified nor copied.
  AuditStatus s = source.value()->in_snapshot([&] { return export_open(*source.value(), to, options, report); });
  if (!s.ok()) return s.error();
  return report;
}

}  // namespace writ::runtime
