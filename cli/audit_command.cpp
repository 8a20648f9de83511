// writ audit verify|export|timeline|why: read an audit trail, check its hash chain, copy it
// (optionally redacted), list one incident's records or the decisions its constructs made.
#include <fmt/format.h>

#include <functional>
#include <iostream>

#include "cli/commands.hpp"
#include "lang/literals.hpp"
#include "runtime/audit_export.hpp"
#include "runtime/audit_store.hpp"
#include "runtime/audit_verify.hpp"

namespace writ::cli {

namespace {

struct AuditArgs {
  std::string trail;
  std::string out;
  std::string incident;
  bool redact = false;
};

// A file that is not a trail, or not there, is a usage error; a trail that is damaged or
// cannot be read to the end is a data error.
int exit_code_for(const runtime::AuditError& error) {
  switch (error.kind) {
    case runtime::AuditErrorKind::NotFound:
    case runtime::AuditErrorKind::Exists:
    case runtime::AuditErrorKind::NotATrail:
    case runtime::AuditErrorKind::UnsupportedFormat:
    case runtime::AuditErrorKind::Misuse: return kExitUsage;
    default: return kExitErrors;
  }
}

int report_error(std::string_view command, const runtime::AuditError& error) {
  std::cerr << fmt::format("writ audit {}: {}\n", command, error.message);
  return exit_code_for(error);
}

int run_verify(const AuditArgs& args) {
  auto result = runtime::verify_trail(args.trail);
  if (!result.ok()) {
    runtime::AuditError error = result.error();
    error.message = fmt::format("{}: {}", args.trail, error.message);
    return report_error("verify", error);
  }
  const runtime::AuditVerifyReport& report = result.value();
  if (!report.ok) {
    std::cerr << fmt::format("{}: record {}: {}\n", args.trail, report.bad_seq, report.reason);
    return kExitErrors;
  }
  std::cout << fmt::format("{}: {} records, chain intact; head: record {}, hash {}\n", args.trail, report.records,
                           report.head.seq, report.head.hash);
  return kExitOk;
}

int run_export(const AuditArgs& args) {
  auto result = runtime::export_trail(args.trail, args.out, runtime::AuditExportOptions{args.redact, {}});
  if (!result.ok()) return report_error("export", result.error());
  std::string dropped =
      args.redact ? fmt::format(", {} sensitive values dropped", result.value().values_dropped) : std::string();
  std::cout << fmt::format("{}: {} records exported{}\n", args.out, result.value().records, dropped);
  return kExitOk;
}

// ` [name=value ...]`, or "" for a record without values.
std::string values_text(const runtime::AuditRecord& r) {
  if (r.values.empty()) return {};
  std::string values;
  for (const runtime::AuditValue& v : r.values) {
    // Sensitive values stay in the trail; a listing on a terminal is not the place for them.
    std::string shown = v.sensitive ? "<sensitive>" : v.value.value_or("<missing>");
    values += fmt::format("{}{}={}", values.empty() ? "" : " ", v.name, shown);
  }
  return " [" + values + "]";
}

// ` outcome -> target because reason`, leaving out what is empty.
std::string result_text(const runtime::AuditRecord& r) {
  std::string text;
  if (!r.outcome.empty()) text += " " + r.outcome;
  if (!r.target.empty()) text += " -> " + r.target;
  if (!r.reason.empty()) text += " because " + r.reason;
  return text;
}

std::string timeline_line(const runtime::AuditRecord& r) {
  std::string line = fmt::format("#{} {} {}", r.seq, lang::format_time(r.at_ms), r.kind);
  for (const std::string* part : {&r.construct, &r.name}) {
    if (!part->empty()) line += " " + *part;
  }
  if (!r.span.empty()) line += fmt::format(" ({})", r.span);
  return line + result_text(r) + values_text(r);
}

// The construct first: who decided, where it is written, then what it decided.
std::string why_line(const runtime::AuditRecord& r) {
  std::string line = fmt::format("#{} {} {} {}", r.seq, lang::format_time(r.at_ms), r.construct, r.name);
  if (!r.span.empty()) line += fmt::format(" ({})", r.span);
  return line + ": " + r.kind + result_text(r) + values_text(r);
}

// Prints each record of the incident that `keep` selects with `line`; exit 1 when none.
int list_incident(const AuditArgs& args, std::string_view command, const std::string& none,
                  const std::function<bool(const runtime::AuditRecord&)>& keep,
                  const std::function<std::string(const runtime::AuditRecord&)>& line) {
  auto store = runtime::AuditStore::open(args.trail, runtime::AuditOpenOptions{});
  if (!store.ok()) {
    runtime::AuditError error = store.error();
    error.message = fmt::format("{}: {}", args.trail, error.message);
    return report_error(command, error);
  }
  std::int64_t shown = 0;
  runtime::AuditStatus s = store.value()->for_each_record_of_incident(args.incident, [&](const runtime::AuditRecord& r) {
    if (!keep(r)) return true;
    std::cout << line(r) << "\n";
    ++shown;
    return true;
  });
  if (!s.ok()) return report_error(command, s.error());
  if (shown > 0) return kExitOk;
  std::cerr << fmt::format("writ audit {}: {}: {} `{}`\n", command, args.trail, none, args.incident);
  return kExitErrors;
}

int run_timeline(const AuditArgs& args) {
  return list_incident(
      args, "timeline", "no records for incident", [](const runtime::AuditRecord&) { return true; }, timeline_line);
}

int run_why(const AuditArgs& args) {
  return list_incident(
      args, "why", "no construct decided anything for incident",
      [](const runtime::AuditRecord& r) { return !r.construct.empty(); }, why_line);
}

}  // namespace

void add_audit_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<AuditArgs>();
  CLI::App* audit = app.add_subcommand("audit", "Read an audit trail: verify its hash chain, export it, list records");
  audit->require_subcommand(1);

  CLI::App* verify = audit->add_subcommand(
      "verify", "Re-walk the hash chain; exit 1 naming the first bad record if the trail was changed");
  verify->add_option("trail", args->trail, "The audit trail (SQLite file)")->required();
  verify->callback([args, &exit_code] { exit_code = run_verify(*args); });

  CLI::App* exp = audit->add_subcommand("export", "Copy a verified trail to a new file, optionally redacted");
  exp->add_option("trail", args->trail, "The audit trail (SQLite file)")->required();
  exp->add_option("out", args->out, "The new file (must not exist)")->required();
  exp->add_flag("--redact", args->redact,
                "Drop the values of @sensitive fields and the salt; keep their digests, so the copy still verifies");
  exp->callback([args, &exit_code] { exit_code = run_export(*args); });

  CLI::App* timeline = audit->add_subcommand("timeline", "List one incident's records in order");
  timeline->add_option("trail", args->trail, "The audit trail (SQLite file)")->required();
  timeline->add_option("incident", args->incident, "The incident id")->required();
  timeline->callback([args, &exit_code] { exit_code = run_timeline(*args); });

  CLI::App* why = audit->add_subcommand(
      "why", "List the decisions constructs made for one incident, in order, with the values they read");
  why->add_option("trail", args->trail, "The audit trail (SQLite file)")->required();
  why->add_option("--incident", args->incident, "The incident id")->required();
  why->callback([args, &exit_code] { exit_code = run_why(*args); });
}

}  // namespace writ::cli
