// mujun — what one import tells the analyst: per file, the counts, the rejects and warnings with
// their row, column, value and reason, the unit conversions applied and the columns not understood.
// Rendered as a table by `mujun import` and as JSON by `--json`; the rejected rows themselves are
// streamed to `--rejects` (importer.h ImportOptions::rejected_row), not kept here.
//
// Memory: a report is bounded whatever the number of rows. Of each issue code, the first issues of
// a file are kept (kIssuesKeptPerCode, for the examples and the JSON list); all are counted
// (warning_codes / error_codes, warnings_total / errors_total).
#pragma once
#include <map>
#include <string>
#include <vector>

#include "domain/issue.h"

namespace mujun::ingest {

/// Issues of one code kept per file (the rest are counted): at most 1,000, and beyond the first 5
/// (the examples `mujun import` prints) only while their text stays under 1 MiB (1,000 usual issues
/// of ~400 bytes fit), so that long cell values (up to 128 KiB each, readers/error.h) cannot make
/// the report large: a code's kept issues hold at most ~2.3 MiB of text (5 of up to ~260 KiB, then
/// 1 MiB), whatever the number of rows.
inline constexpr long kIssuesKeptPerCode = 1000;
inline constexpr long kIssuesAlwaysKept = 5;
inline constexpr long kIssueBytesKeptPerCode = 1024 * 1024;

/// One rejected data row: the original cells (as text, in file order) and every error found.
struct RejectedRow {
  std::string sheet;
  long row = 0;                     ///< 1-based sheet row (Excel row number / CSV record number)
  std::vector<std::string> header;  ///< the sheet's column labels
  std::vector<std::string> cells;   ///< the row's cells as text
  std::vector<Issue> errors;
};

struct FileReport {
  std::string file;      ///< path as given
  std::string sha256;    ///< of the file's bytes
  std::string source;    ///< statistics | tax | land | energy | emissions | certificates | registry | support
  std::string encoding;  ///< "utf-8", "utf-8-bom", "gb18030", … (CSV) or "xlsx"
  int year = 0;          ///< the period the file's values describe (0 when per-row years were used)
  long rows_total = 0;   ///< data rows read (header rows and blank rows excluded)
  long rows_accepted = 0;
  long rows_rejected = 0;
  /// Accepted with a remark (check character, conflicts, duplicates …): the first
  /// kIssuesKeptPerCode of each code, in the order found. Add with warn().
  std::vector<Issue> warnings;
  /// The errors of the rejected rows and the file-level errors: the first kIssuesKeptPerCode of each
  /// code, in the order found. Add with error().
  std::vector<Issue> errors;
  std::map<std::string, long> warning_codes, error_codes;  ///< code → how many (all, kept or not)
  long warnings_total = 0;  ///< all warnings (the 警告 count), kept or not
  long errors_total = 0;    ///< all errors, kept or not
  std::vector<std::string> conversions;      ///< "工业总产值(当年价格)(千元) → gross_output 万元 (×0.1)"
  std::vector<std::string> unknown_columns;  ///< headers that map to nothing (reported, not guessed)
  std::vector<std::string> skipped_sheets;   ///< hidden or empty sheets not imported, with the reason
  bool already_imported = false;  ///< a file with the same SHA-256 was imported before: nothing done
  long long previous_batch = 0;   ///< that earlier batch
  bool written = false;           ///< the batch was stored
  long long batch_id = 0;
  bool file_error = false;        ///< the file as a whole could not be read or mapped

  /// Counts a warning and keeps it when fewer than kIssuesKeptPerCode of its code are kept.
  void warn(Issue i) { keep(std::move(i), warnings, warning_codes, warnings_total); }
  /// Counts an error and keeps it when fewer than kIssuesKeptPerCode of its code are kept.
  void error(Issue i) { keep(std::move(i), errors, error_codes, errors_total); }

 private:
  void keep(Issue&& i, std::vector<Issue>& kept, std::map<std::string, long>& codes, long& total) {
    ++total;
    long n = ++codes[i.code];
    if (n > kIssuesKeptPerCode) return;
    auto& bytes = kept_bytes_[i.code];
    long size = static_cast<long>(i.raw_value.size() + i.message.size() + i.column.size());
    if (n > kIssuesAlwaysKept && bytes + size > kIssueBytesKeptPerCode) return;
    bytes += size;
    kept.push_back(std::move(i));
  }
  std::map<std::string, long> kept_bytes_;  // text kept per code (warnings and errors have distinct codes)
};

}  // namespace mujun::ingest
