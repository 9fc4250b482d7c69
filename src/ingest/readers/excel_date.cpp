#include "ingest/readers/excel_date.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>

namespace mujun::readers {

namespace {

// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian, day 0 = 1970-01-01).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp + (mp < 10 ? 3 : -9);
  y += m <= 2;
}

const std::int64_t kEpoch1900 = days_from_civil(1899, 12, 30);  // serial 0 for serials >= 61
const std::int64_t kEpoch1904 = days_from_civil(1904, 1, 1);
const std::int64_t kMaxDay = days_from_civil(9999, 12, 31);

}  // namespace

std::optional<std::string> serial_to_iso(double serial, bool date1904, bool time_only) {
  if (!std::isfinite(serial) || serial < 0 || serial > 3.0e6) return std::nullopt;
  const auto total = static_cast<std::int64_t>(std::llround(serial * 86400.0));
  const std::int64_t days = total / 86400;
  const std::int64_t secs = total % 86400;
  const std::string clock =
      fmt::format("{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60);
  // Day 0 is a time of day: in the 1900 system it is Excel's "1900-01-00", no real date.
  if (days == 0 && (time_only || !date1904)) return clock;
  std::string date;
  if (!date1904 && days == 60) {
    date = "1900-02-29";
  } else {
    std::int64_t civil = date1904 ? kEpoch1904 + days : kEpoch1900 + days + (days < 60 ? 1 : 0);
    if (civil > kMaxDay) return std::nullopt;
    std::int64_t y;
    unsigned m, d;
    civil_from_days(civil, y, m, d);
    date = fmt::format("{:04}-{:02}-{:02}", y, m, d);
  }
  return secs == 0 ? date : date + "T" + clock;
}

std::optional<double> iso_to_serial(std::string_view iso, bool date1904) {
  auto num = [&](std::size_t pos, std::size_t len, int& out) {
    if (pos + len > iso.size()) return false;
    out = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      if (iso[i] < '0' || iso[i] > '9') return false;
      out = out * 10 + (iso[i] - '0');
    }
    return true;
  };
  int y, mo, d, h = 0, mi = 0, s = 0;
  if (!num(0, 4, y) || iso.size() < 10 || iso[4] != '-' || !num(5, 2, mo) || iso[7] != '-' ||
      !num(8, 2, d) || mo < 1 || mo > 12 || d < 1 || d > 31)
    return std::nullopt;
  std::size_t pos = 10;
  if (pos < iso.size() && (iso[pos] == 'T' || iso[pos] == ' ')) {
    if (!num(pos + 1, 2, h) || iso.size() < pos + 6 || iso[pos + 3] != ':' || !num(pos + 4, 2, mi))
      return std::nullopt;
    pos += 6;
    if (pos < iso.size() && iso[pos] == ':') {
      if (!num(pos + 1, 2, s)) return std::nullopt;
      pos += 3;
      while (pos < iso.size() && (iso[pos] == '.' || (iso[pos] >= '0' && iso[pos] <= '9'))) ++pos;
    }
  }
  if (pos < iso.size() && iso[pos] == 'Z') ++pos;
  if (pos != iso.size()) return std::nullopt;
  std::int64_t civil = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  double day;
  if (date1904) {
    day = static_cast<double>(civil - kEpoch1904);
  } else {
    day = static_cast<double>(civil - kEpoch1900);
    if (day < 61) day -= 1;  // before the fictitious 1900-02-29
  }
  if (day < 0) return std::nullopt;
  return day + (h * 3600 + mi * 60 + s) / 86400.0;
}

FormatClass builtin_format_class(int id) {
  if (id == 14 || id == 15 || id == 16 || id == 17 || id == 27 || id == 28 || id == 29 ||
      id == 30 || id == 31 || id == 36 || (id >= 50 && id <= 54) || id == 57 || id == 58)
    return FormatClass::Date;
  if (id == 22) return FormatClass::DateTime;
  if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47) || id == 55 ||
      id == 56)
    return FormatClass::Time;
  return FormatClass::Number;
}

FormatClass custom_format_class(std::string_view code) {
  if (code == "General" || code == "general" || code == "@") return FormatClass::Number;
  bool day = false, clock = false, month_or_minute = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (c == ';') break;  // the first section decides
    if (c == '"') {
      auto close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // escaped, padding or fill character
    } else if (c == '[') {
      auto close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      std::string_view inner = code.substr(i + 1, close - i - 1);
      if (!inner.empty() && inner.find_first_not_of("hHmMsS") == std::string_view::npos)
        clock = true;  // elapsed time [h] [mm] [ss]
      i = close;       // colours, locales [$-804], [DBNum1], conditions
    } else {
      char l = static_cast<char>(c | 0x20);
      if (l == 'y' || l == 'd') day = true;
      else if (l == 'h' || l == 's') clock = true;
      else if (l == 'm') month_or_minute = true;
    }
  }
  if (day) return clock ? FormatClass::DateTime : FormatClass::Date;
  if (clock) return FormatClass::Time;  // "h:mm", "mm:ss": m is minutes here
  if (month_or_minute) return FormatClass::Date;  // "mmm", "m月"
  return FormatClass::Number;
}

}  // namespace mujun::readers
