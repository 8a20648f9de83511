// Business calendars: the zone must be one tzdata has (E0506) and every range must run
// forwards (E0507). `lang` does not depend on a time zone library, so the zone is looked up
// as a file in the tzdata folder the runtime reads.
#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>

#include "lang/literals.hpp"
#include "lang/static_checks.hpp"
#include "lang/suggest.hpp"

namespace writ::lang::detail {

namespace {

bool is_zone_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '+' ||
         c == '-' || c == '/';
}

// A zone name must stay inside the tzdata folder: no absolute paths, no `..`.
bool is_zone_name(std::string_view zone) {
  return !zone.empty() && zone.front() != '/' && zone.find("..") == std::string_view::npos &&
         std::all_of(zone.begin(), zone.end(), is_zone_char);
}

// Zones beside the misspelt one (`Europe/Brusels` -> the files of `Europe/`), for a hint.
std::vector<std::string> sibling_zones(std::string_view zone, std::string_view zoneinfo_dir) {
  std::vector<std::string> out;
  if (!is_zone_name(zone)) return out;
  std::string prefix(zone.substr(0, zone.rfind('/') == std::string_view::npos ? 0 : zone.rfind('/') + 1));
  std::error_code ec;
  std::filesystem::directory_iterator it(std::filesystem::path(zoneinfo_dir) / prefix, ec);
  for (; !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec)) out.push_back(prefix + it->path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::int64_t day_number(const CalendarDate& d) { return days_from_civil(CivilDate{d.year, d.month, d.day}); }

std::string date_text(const CalendarDate& d) { return format_date(CivilDate{d.year, d.month, d.day}); }

void check_zone(const CalendarDecl& decl, std::string_view zoneinfo_dir, Diagnostics& diags) {
  if (decl.zone.empty()) {
    auto& d = diags.error(Code::MissingClause, decl.name.span, fmt::format("calendar `{}` has no `zone`", decl.name.text));
    d.help = "say where its hours are kept, as in `zone \"Europe/Brussels\"`";
    return;
  }
  if (zone_exists(decl.zone, zoneinfo_dir)) return;
  auto& d = diags.error(Code::UnknownZone, decl.zone_span, fmt::format("`{}` is not a time zone tzdata knows", decl.zone));
  d.help = did_you_mean(decl.zone, sibling_zones(decl.zone, zoneinfo_dir));
  if (d.help.empty()) d.help = "use an IANA zone name such as \"Europe/Brussels\" or \"UTC\"";
}

}  // namespace

bool zone_exists(std::string_view zone, std::string_view zoneinfo_dir) {
  if (!is_zone_name(zone)) return false;
  std::filesystem::path path = std::filesystem::path(zoneinfo_dir) / std::string(zone);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return false;
  // tzdata also holds tables (zone.tab, leapseconds); a zone is a TZif file.
  std::ifstream in(path, std::ios::binary);
  char magic[4] = {};
  in.read(magic, sizeof magic);
  return in.gcount() == 4 && std::string_view(magic, 4) == "TZif";
}

void check_calendar(const CalendarDecl& decl, std::string_view zoneinfo_dir, Diagnostics& diags) {
  check_zone(decl, zoneinfo_dir, diags);
  if (decl.open.empty()) {
    auto& d = diags.error(Code::MissingClause, decl.name.span, fmt::format("calendar `{}` is never open", decl.name.text));
    d.help = "add its opening hours, as in `open mon..fri 08:00..18:00`";
  }
  for (const OpenHours& open : decl.open) {
    if (open.first_day > open.last_day) {
      diags.error(Code::InvalidRange, open.span,
                  fmt::format("`{}..{}` runs backwards: write the earlier day of the week first",
                              weekday_text(open.first_day), weekday_text(open.last_day)));
    }
    if (open.from_minute >= open.to_minute) {
      diags.error(Code::InvalidRange, open.span,
                  fmt::format("`{}..{}` is empty or runs backwards: an opening ends after it starts, on the same day",
                              format_clock(open.from_minute), format_clock(open.to_minute)));
    }
  }
  for (const ClosedDays& closed : decl.closed) {
    if (day_number(closed.first) > day_number(closed.last)) {
      diags.error(Code::InvalidRange, closed.span,
                  fmt::format("`{}..{}` runs backwards: write the earlier date first", date_text(closed.first),
                              date_text(closed.last)));
    }
  }
}

}  // namespace writ::lang::detail
