#pragma once
// Failures of the audit trail as values: a kind a caller can act on and a message a person
// can read. Nothing in the audit store throws for bad files, full disks or misuse.
#include <cassert>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace writ::runtime {

enum class AuditErrorKind {
  NotFound,           // no file at the path (opening an existing trail)
  Exists,             // a file is already at the path (creating a trail)
  NotATrail,          // not an SQLite database, or one that Writ did not create
  UnsupportedFormat,  // a Writ trail of a format version this build does not read
  Damaged,            // an unreadable page, a missing table, a head that disagrees with the records
  DiskFull,
  Busy,               // another connection holds the write lock or appended meanwhile
  Io,                 // any other failure of the file system or SQLite
  Misuse,             // a call out of order: append outside a batch, a write to a read-only trail
};

struct AuditError {
  AuditErrorKind kind;
  std::string message;
  // The record the error is about, when it is about one (a record whose stored values
  // cannot be read); 0 otherwise. Verify reports it as that record's finding.
  std::int64_t seq = 0;
};

// Success, or the error that stopped the operation.
class [[nodiscard]] AuditStatus {
 public:
  AuditStatus() = default;
  AuditStatus(AuditError error) : error_(std::move(error)), ok_(false) {}
  bool ok() const { return ok_; }
  const AuditError& error() const {
    assert(!ok_);
    return error_;
  }

 private:
  AuditError error_{AuditErrorKind::Io, {}};
  bool ok_ = true;
};

// A value, or the error that prevented it.
template <class T>
class [[nodiscard]] AuditResult {
 public:
  AuditResult(T value) : v_(std::move(value)) {}
  AuditResult(AuditError error) : v_(std::move(error)) {}
  bool ok() const { return v_.index() == 0; }
  T& value() {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const {
    assert(ok());
    return std::get<0>(v_);
  }
  const AuditError& error() const {
    assert(!ok());
    return std::get<1>(v_);
  }
  AuditStatus status() const { return ok() ? AuditStatus{} : AuditStatus{error()}; }

 private:
  std::variant<T, AuditError> v_;
};

}  // namespace writ::runtime
