// Exports copy a verified trail record for record; redacted ones drop the sensitive values
// and the salt, keep the digests, and still verify.
#include "runtime/audit_export.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

#include "runtime/audit_store.hpp"
#include "runtime/audit_verify.hpp"
#include "support/audit_fixture.hpp"
#include "support/run_process.hpp"
#include "support/trail_tamper.hpp"

using namespace writ::runtime;
using writ::test::kSecretMarker;
using writ::test::TempDir;
using writ::test::tamper;
using writ::test::write_trail;

namespace {

std::vector<AuditRecord> records_of(const std::string& path) {
  auto store = AuditStore::open(path, AuditOpenOptions{});
  REQUIRE(store.ok());
  std::vector<AuditRecord> out;
  REQUIRE(store.value()->for_each_record([&](const AuditRecord& r) {
                 out.push_back(r);
                 return true;
               }).ok());
  return out;
}

AuditVerifyReport verified(const std::string& path) {
  auto report = verify_trail(path);
  REQUIRE(report.ok());
  INFO(report.value().reason);
  CHECK(report.value().ok);
  return report.value();
}

// Every byte of the export's files, so nothing hides in a log beside the database.
std::string file_bytes(const TempDir& dir) {
  std::string all;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    if (entry.path().filename().string().rfind("out.db", 0) == 0) all += dir.read(entry.path().filename().string());
  }
  return all;
}

}  // namespace

TEST_CASE("audit export: a plain copy has the same records and head", "[runtime][audit]") {
  TempDir dir;
  std::string from = dir.path() + "/trail.db";
  std::string to = dir.path() + "/out.db";
  write_trail(from, 3, 4);
  auto report = export_trail(from, to, AuditExportOptions{});
  REQUIRE(report.ok());
  CHECK(report.value().records == 12);
  CHECK(report.value().values_dropped == 0);
  CHECK(verified(to).head == verified(from).head);
  auto a = records_of(from);
  auto b = records_of(to);
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].hash == b[i].hash);
    CHECK(a[i].values[1].value == b[i].values[1].value);
  }
  auto store = AuditStore::open(to, AuditOpenOptions{});
  auto original = AuditStore::open(from, AuditOpenOptions{});
  REQUIRE(store.ok());
  REQUIRE(original.ok());
  CHECK(store.value()->meta().salt == original.value()->meta().salt);
  CHECK_FALSE(store.value()->last_checkpoint().value().has_value());
}

TEST_CASE("audit export: a redacted export verifies and holds no sensitive value", "[runtime][audit]") {
  TempDir dir;
  std::string from = dir.path() + "/trail.db";
  std::string to = dir.path() + "/out.db";
  write_trail(from, 3, 4);
  REQUIRE(dir.read("trail.db").find(kSecretMarker) != std::string::npos);

  auto report = export_trail(from, to, AuditExportOptions{true, {}});
  REQUIRE(report.ok());
  CHECK(report.value().values_dropped == 12);
  CHECK(verified(to).head == verified(from).head);
  std::string bytes = file_bytes(dir);
  CHECK(bytes.find(kSecretMarker) == std::string::npos);

  auto source = records_of(from);
  auto redacted = records_of(to);
  REQUIRE(redacted.size() == source.size());
  CHECK_FALSE(redacted[0].values[1].value.has_value());
  CHECK(redacted[0].values[1].digest == source[0].values[1].digest);
  CHECK(redacted[0].values[0].value == source[0].values[0].value);

  auto store = AuditStore::open(to, AuditOpenOptions{});
  auto original = AuditStore::open(from, AuditOpenOptions{});
  REQUIRE(store.ok());
  REQUIRE(original.ok());
  CHECK(store.value()->meta().redacted);
  CHECK(store.value()->meta().salt.empty());
  CHECK(bytes.find(original.value()->meta().salt) == std::string::npos);
  original.value().reset();
  store.value().reset();

  SECTION("and takes no new records") {
    auto append = AuditStore::open(to, AuditOpenOptions{AuditOpenMode::Append, {}});
    REQUIRE_FALSE(append.ok());
    CHECK(append.error().kind == AuditErrorKind::Misuse);
  }
  SECTION("and exports again, still redacted") {
    std::string again = dir.path() + "/again.db";
    REQUIRE(export_trail(to, again, AuditExportOptions{}).ok());
    CHECK(verified(again).head == verified(from).head);
  }
}

TEST_CASE("audit export: a tampered trail is not exported", "[runtime][audit]") {
  TempDir dir;
  std::string from = dir.path() + "/trail.db";
  std::string to = dir.path() + "/out.db";
  write_trail(from, 2, 3);
  tamper(from, writ::test::set_item(2, 4, "'edited'"));
  auto report = export_trail(from, to, AuditExportOptions{true, {}});
  REQUIRE_FALSE(report.ok());
  CHECK(report.error().kind == AuditErrorKind::Damaged);
  CHECK(report.error().message.find("record 2:") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(to));
}

TEST_CASE("audit export: an existing file is not overwritten", "[runtime][audit]") {
  TempDir dir;
  std::string from = dir.path() + "/trail.db";
  write_trail(from, 1, 1);
  std::string to = dir.write("out.db", "keep me");
  auto report = export_trail(from, to, AuditExportOptions{});
  REQUIRE_FALSE(report.ok());
  CHECK(report.error().kind == AuditErrorKind::Exists);
  CHECK(dir.read("out.db") == "keep me");
}
