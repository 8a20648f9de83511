// writ audit verify|export|timeline|why: read an audit trail, check its hash chain, copy it
// (optionally redacted), list one incident's records or the decisions its constructs made.
#include <fmt/format.h>

#include <functional>
#include <iostream>

#include "cli/commands.hpp"
#include "lang/json_writer.hpp"
#include "lang/literals.hpp"
#include "runtime/audit_export.hpp"
#include "runtime/audit_store.hpp"
#include "runtime/audit_verify.hpp"
#include "runtime/audit_writer.hpp"

namespace writ::cli {

namespace {

struct AuditArgs {
  std::string trail;
  std::string out;
  std::string incident;
  std::string change;
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

bool is_read(const runtime::AuditValue& v) { return v.name.starts_with(runtime::kReadPrefix); }

// Sensitive values stay in the trail; a listing on a terminal is not the place for them.
std::string shown(const runtime::AuditValue& v) { return v.sensitive ? "<sensitive>" : v.value.value_or("<missing>"); }

// ` read field=value, ...`: what the construct's conditions read; "" when they read nothing.
std::string reads_text(const runtime::AuditRecord& r) {
  std::string reads;
  for (const runtime::AuditValue& v : r.values) {
    if (!is_read(v)) continue;
    std::string_view field = std::string_view(v.name).substr(std::string_view(runtime::kReadPrefix).size());
    reads += fmt::format("{}{}={}", reads.empty() ? " read " : ", ", field, shown(v));
  }
  return reads;
}

// ` [name=value ...]` of the values the record produced, or "" when there are none.
std::string values_text(const runtime::AuditRecord& r) {
  std::string values;
  for (const runtime::AuditValue& v : r.values) {
    if (!is_read(v)) values += fmt::format("{}{}={}", values.empty() ? "" : " ", v.name, shown(v));
  }
  return values.empty() ? values : " [" + values + "]";
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
  return line + result_text(r) + reads_text(r) + values_text(r);
}

// The construct first: who decided, where it is written, then what it decided.
std::string why_line(const runtime::AuditRecord& r) {
  std::string line = fmt::format("#{} {} {} {}", r.seq, lang::format_time(r.at_ms), r.construct, r.name);
  if (!r.span.empty()) line += fmt::format(" ({})", r.span);
  return line + ": " + r.kind + result_text(r) + reads_text(r) + values_text(r);
}

// Selects for `why --change` what constructs decided while the engine processed the input
// event whose `event.change` is the change: the records after that event's record, up to the
// next input line's record or to a later time (timers that fell due later are not its doing).
class ChangeRecords {
 public:
  explicit ChangeRecords(const std::string& change) : wanted_(lang::json_quote(change)) {}

  bool operator()(const runtime::AuditRecord& r) {
    if (r.kind == "rejected" || (r.kind == "event" && r.outcome == "accepted")) {
      inside_ = r.kind == "event" && names_change(r);
      at_ = r.at_ms;
      return false;
    }
    inside_ = inside_ && r.at_ms == at_;
    return inside_ && !r.construct.empty();
  }

 private:
  bool names_change(const runtime::AuditRecord& r) const {
    for (const runtime::AuditValue& v : r.values) {
      if (v.name == std::string(runtime::kReadPrefix) + "event.change" && v.value == wanted_) return true;
    }
    return false;
  }

  std::string wanted_;
  bool inside_ = false;
  std::int64_t at_ = 0;
};

// Prints each record of the incident (or, with --change, of the trail) that `keep` selects
// with `line`; exit 1 when none.
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
  auto print = [&](const runtime::AuditRecord& r) {
    if (!keep(r)) return true;
    std::cout << line(r) << "\n";
    ++shown;
    return true;
  };
  runtime::AuditStatus s = args.change.empty() ? store.value()->for_each_record_of_incident(args.incident, print)
                                               : store.value()->for_each_record(print);
  if (!s.ok()) return report_error(command, s.error());
  if (shown > 0) return kExitOk;
  std::string subject = args.change.empty() ? "incident `" + args.incident + "`" : "change `" + args.change + "`";
  std::cerr << fmt::format("writ audit {}: {}: {} {}\n", command, args.trail, none, subject);
  return kExitErrors;
}

int run_timeline(const AuditArgs& args) {
  return list_incident(
      args, "timeline", "no records for", [](const runtime::AuditRecord&) { return true; }, timeline_line);
}

int run_why(const AuditArgs& args) {
  if (args.incident.empty() && args.change.empty()) {
    std::cerr << "writ audit why: name an --incident or a --change\n";
    return kExitUsage;
  }
  std::function<bool(const runtime::AuditRecord&)> keep = [](const runtime::AuditRecord& r) {
    return !r.construct.empty();
  };
  if (!args.change.empty()) keep = ChangeRecords(args.change);
  return list_incident(args, "why", "no construct decided anything for", keep, why_line);
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
  auto* incident = why->add_option("--incident", args->incident, "The incident id");
  auto* change = why->add_option("--change", args->change,
                                 "A change: the decisions about the input event whose `change` field is this");
  incident->excludes(change);
  why->callback([args, &exit_code] { exit_code = run_why(*args); });
}

}  // namespace writ::cli
