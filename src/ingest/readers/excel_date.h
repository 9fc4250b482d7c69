// mujun — Excel serial day numbers ↔ ISO 8601 text, in the 1900 and 1904 date systems, and the
// recognition of date number formats.
//
// Source: ECMA-376 Part 1 (5th ed.) §18.17.4 "Dates and Times" (1900 system: serial 1 =
// 1900-01-01, serial 60 is the non-existent 1900-02-29 kept for Lotus 1-2-3 compatibility;
// 1904 system: serial 0 = 1904-01-01) and §18.8.30 "numFmt" (built-in format ids 14–22 and
// 45–47); ids 27–36 and 50–58 are the East Asian built-in date/time formats of the zh-CN,
// zh-TW, ja-JP and ko-KR editions, stored with no <numFmt> element (case 02-cjk-builtin-date-ids).
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace mujun::readers {

/// ISO text of a serial: "2024-01-01" for a whole day, "2015-09-02T16:00:00" with a time of day
/// (rounded to the second), "HH:MM:SS" when the serial is in [0, 1) and `time_only` (a time
/// format). Serial 60 in the 1900 system gives "1900-02-29" as Excel shows it. Returns nullopt
/// for a negative or non-finite serial or one past 9999-12-31 (Excel shows "####": not a date).
std::optional<std::string> serial_to_iso(double serial, bool date1904, bool time_only);

/// Serial of an ISO 8601 date or date-time ("2024-01-01", "2024-01-01T08:30:00", a trailing "Z"
/// accepted), as stored in cells of type t="d"; nullopt when the text is not one.
std::optional<double> iso_to_serial(std::string_view iso, bool date1904);

enum class FormatClass { Number, Date, DateTime, Time };

/// Class of a built-in number format id (no formatCode in the file).
FormatClass builtin_format_class(int num_fmt_id);
/// Class of a custom formatCode: a date/time when, outside quoted text, "\"-escapes, "_x"/"*x"
/// padding and [..] sections other than elapsed time ([h] [mm] [ss]), the first section has one
/// of the letters y m d h s (any case). "General", "0.00", "#,##0_);[Red](#,##0)" are numbers.
FormatClass custom_format_class(std::string_view format_code);

}  // namespace mujun::readers
