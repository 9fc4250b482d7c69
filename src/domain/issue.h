// mujun — a problem found in input, as data (DESIGN.md principle 2: "Bad input is data").
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace mujun {

enum class Severity { Warning, Error };

/// One problem with one place in one input. `row` and `column` are 1-based as the user sees them in
/// Excel (row 1 = the first row of the sheet; column "C"); 0 / empty when not applicable.
struct Issue {
  std::string file;
  std::string sheet;
  long row = 0;
  std::string column;     ///< the column's header text as in the file (or its letter when headerless)
  std::string raw_value;  ///< the cell exactly as read
  std::string code;       ///< stable machine code, e.g. "uscc.check_char", "value.not_a_number"
  std::string message;    ///< Chinese-first message: what is wrong and how to fix it
  Severity severity = Severity::Error;
};

using Issues = std::vector<Issue>;

/// An issue about one value whose place (file, sheet, row, column) the caller fills in later:
/// the checks in standards/ and ingest/ know the value, not where it came from.
inline Issue value_issue(std::string_view raw, std::string code, std::string message,
                         Severity severity = Severity::Error) {
  Issue i;
  i.raw_value = std::string(raw);
  i.code = std::move(code);
  i.message = std::move(message);
  i.severity = severity;
  return i;
}

}  // namespace mujun
