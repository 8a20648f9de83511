#include "lang/literals.hpp"

#include <array>
#include <fmt/format.h>
#include <limits>

namespace writ::lang {

namespace {

struct Unit {
  std::string_view suffix;
  std::int64_t ms;
};
// Longest suffix first where one is a prefix of another ("ms" before "m").
constexpr std::array<Unit, 6> kUnits{{
    {"w", 7 * 24 * 3600 * 1000LL},
    {"d", 24 * 3600 * 1000LL},
    {"h", 3600 * 1000LL},
    {"ms", 1},
    {"m", 60 * 1000LL},
    {"s", 1000},
}};
// Order in which units must appear.
int unit_rank(std::string_view suffix) {
  if (suffix == "w") return 0;
  if (suffix == "d") return 1;
  if (suffix == "h") return 2;
  if (suffix == "m") return 3;
  if (suffix == "s") return 4;
  return 5;  // ms
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads `count` digits at text[pos]; false when they are not all digits.
bool read_fixed(std::string_view text, std::size_t pos, std::size_t count, int& out) {
  if (pos + count > text.size()) return false;
  int value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    if (!is_digit(text[pos + i])) return false;
    value = value * 10 + (text[pos + i] - '0');
  }
  out = value;
  return true;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace

std::optional<std::int64_t> parse_duration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::int64_t total = 0;
  int last_rank = -1;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_digit(text[i])) return std::nullopt;
    std::int64_t n = 0;
    while (i < text.size() && (is_digit(text[i]) || text[i] == '_')) {
      if (text[i] != '_') {
        if (n > (std::numeric_limits<std::int64_t>::max() - 9) / 10) return std::nullopt;
        n = n * 10 + (text[i] - '0');
      }
      ++i;
    }
    const Unit* unit = nullptr;
    for (const auto& u : kUnits) {
      if (text.substr(i, u.suffix.size()) == u.suffix) {
        unit = &u;
        break;
      }
    }
    if (unit == nullptr) return std::nullopt;
    int rank = unit_rank(unit->suffix);
    if (rank <= last_rank) return std::nullopt;
    last_rank = rank;
    i += unit->suffix.size();
    if (n > std::numeric_limits<std::int64_t>::max() / unit->ms) return std::nullopt;
    std::int64_t part = n * unit->ms;
    if (total > std::numeric_limits<std::int64_t>::max() - part) return std::nullopt;
    total += part;
  }
  return total;
}

std::string format_duration(std::int64_t ms) {
  if (ms == 0) return "0s";
  std::string out;
  // Work in unsigned so INT64_MIN has a magnitude.
  std::uint64_t rest = ms < 0 ? 0 - static_cast<std::uint64_t>(ms) : static_cast<std::uint64_t>(ms);
  if (ms < 0) out += '-';
  // Weeks only for a whole number of weeks: governance periods are counted in days, and
  // `30d` or `365d` read as written, where `4w2d` or `52w1d` would not.
  constexpr std::uint64_t kWeek = 7 * 24 * 3600 * 1000ULL;
  if (rest % kWeek == 0) return fmt::format("{}{}w", out, rest / kWeek);
  static constexpr std::array<Unit, 5> kOrder{{
      {"d", 24 * 3600 * 1000LL}, {"h", 3600 * 1000LL}, {"m", 60 * 1000LL}, {"s", 1000}, {"ms", 1},
  }};
  for (const auto& u : kOrder) {
    std::uint64_t n = rest / static_cast<std::uint64_t>(u.ms);
    if (n > 0) {
      out += fmt::format("{}{}", n, u.suffix);
      rest -= n * static_cast<std::uint64_t>(u.ms);
    }
  }
  return out;
}

std::int64_t days_from_civil(const CivilDate& date) {
  // Howard Hinnant's days_from_civil.
  std::int64_t y = date.year - (date.month <= 2 ? 1 : 0);
  std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  std::int64_t yoe = y - era * 400;
  std::int64_t mp = (date.month + 9) % 12;
  std::int64_t doy = (153 * mp + 2) / 5 + date.day - 1;
  std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate civil_from_days(std::int64_t z) {
  z += 719468;
  std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  std::int64_t doe = z - era * 146097;
  std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t y = yoe + era * 400;
  std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  std::int64_t mp = (5 * doy + 2) / 153;
  int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {static_cast<int>(y + (m <= 2 ? 1 : 0)), m, d};
}

std::optional<CivilDate> parse_date(std::string_view text) {
  CivilDate d;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (!read_fixed(text, 0, 4, d.year) || !read_fixed(text, 5, 2, d.month) || !read_fixed(text, 8, 2, d.day)) {
    return std::nullopt;
  }
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > days_in_month(d.year, d.month)) return std::nullopt;
  return d;
}

std::string format_date(const CivilDate& date) {
  return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
}

std::optional<std::int64_t> parse_time(std::string_view text) {
  if (text.size() < 20) return std::nullopt;
  auto date = parse_date(text.substr(0, 10));
  if (!date || (text[10] != 'T' && text[10] != 't')) return std::nullopt;
  int hh = 0, mm = 0, ss = 0;
  if (!read_fixed(text, 11, 2, hh) || text[13] != ':' || !read_fixed(text, 14, 2, mm) || text[16] != ':' ||
      !read_fixed(text, 17, 2, ss)) {
    return std::nullopt;
  }
  // RFC 3339 allows second 60 for leap seconds; Writ's clock has none, so it is refused.
  if (hh > 23 || mm > 59 || ss > 59) return std::nullopt;
  std::size_t i = 19;
  std::int64_t millis = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    std::size_t digits = 0;
    while (i < text.size() && is_digit(text[i])) {
      if (digits < 3) millis = millis * 10 + (text[i] - '0');
      ++digits;
      ++i;
    }
    if (digits == 0) return std::nullopt;
    for (std::size_t k = digits; k < 3; ++k) millis *= 10;
  }
  std::int64_t offset_minutes = 0;
  if (i < text.size() && (text[i] == 'Z' || text[i] == 'z')) {
    ++i;
  } else if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
    int oh = 0, om = 0;
    if (!read_fixed(text, i + 1, 2, oh) || i + 3 >= text.size() || text[i + 3] != ':' ||
        !read_fixed(text, i + 4, 2, om) || oh > 23 || om > 59) {
      return std::nullopt;
    }
    offset_minutes = (oh * 60 + om) * (text[i] == '-' ? -1 : 1);
    i += 6;
  } else {
    return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;
  std::int64_t days = days_from_civil(*date);
  std::int64_t seconds = days * 86400 + hh * 3600 + mm * 60 + ss - offset_minutes * 60;
  return seconds * 1000 + millis;
}

namespace {

// `n` as exactly `width` digits at `at` (0 <= n < 10^width); returns the end.
char* put_digits(char* at, std::int64_t n, int width) {
  for (int i = width - 1; i >= 0; --i, n /= 10) at[i] = static_cast<char>('0' + n % 10);
  return at + width;
}

// The RFC 3339 text of `ms`, appended to `out`.
void format_time_into(std::string& out, std::int64_t ms) {
  std::int64_t seconds = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
  std::int64_t millis = ms - seconds * 1000;
  std::int64_t days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
  std::int64_t rem = seconds - days * 86400;
  CivilDate d = civil_from_days(days);
  // Written digit by digit into a buffer appended once: decisions print several times
  // each, so this is on the hot path.
  if (d.year < 0 || d.year > 9999) {
    out += format_date(d);
  } else {
    char date[10];
    char* p = put_digits(date, d.year, 4);
    *p++ = '-';
    p = put_digits(p, d.month, 2);
    *p++ = '-';
    put_digits(p, d.day, 2);
    out.append(date, sizeof date);
  }
  char clock[14] = {'T'};
  char* p = put_digits(clock + 1, rem / 3600, 2);
  *p++ = ':';
  p = put_digits(p, rem / 60 % 60, 2);
  *p++ = ':';
  p = put_digits(p, rem % 60, 2);
  if (millis != 0) {
    *p++ = '.';
    p = put_digits(p, millis, 3);
  }
  *p++ = 'Z';
  out.append(clock, static_cast<std::size_t>(p - clock));
}

}  // namespace

std::string_view time_text(std::int64_t ms) {
  thread_local std::int64_t last_ms = std::numeric_limits<std::int64_t>::min();
  thread_local std::string last;
  if (ms != last_ms || last.empty()) {
    last.clear();
    format_time_into(last, ms);
    last_ms = ms;
  }
  return last;
}

void append_time(std::string& out, std::int64_t ms) { out += time_text(ms); }

std::string format_time(std::int64_t ms) {
  std::string out;
  append_time(out, ms);
  return out;
}

std::optional<int> parse_clock(std::string_view text) {
  int hh = 0, mm = 0;
  if (text.size() != 5 || text[2] != ':' || !read_fixed(text, 0, 2, hh) || !read_fixed(text, 3, 2, mm)) {
    return std::nullopt;
  }
  if (mm > 59 || hh > 24 || (hh == 24 && mm != 0)) return std::nullopt;
  return hh * 60 + mm;
}

std::string format_clock(int minutes) { return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60); }

std::string quote_string(std::string_view s, bool message) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '{':
        if (message) {
          out += "\\{";
        } else {
          out += c;
        }
        break;
      default: out += c;
    }
  }
  out += '"';
  return out;
}

}  // namespace writ::lang
