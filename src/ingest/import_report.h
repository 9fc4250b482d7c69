// mujun — what one import tells the analyst: per file, the counts, every reject and warning with
// its row, column, value and reason, the unit conversions applied and the columns not understood.
// Rendered as a table by `mujun import`, as JSON by `--json`, and as a workbook by `--rejects`.
#pragma once
#include <string>
#include <vector>

#include "domain/issue.h"

namespace mujun::ingest {

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
  std::vector<Issue> warnings;       ///< accepted with a remark (check character, conflicts, duplicates …)
  std::vector<Issue> errors;         ///< every error of every rejected row, and file-level errors
  std::vector<RejectedRow> rejected; ///< the rejected rows themselves, for --rejects
  std::vector<std::string> conversions;      ///< "工业总产值(当年价格)(千元) → gross_output 万元 (×0.1)"
  std::vector<std::string> unknown_columns;  ///< headers that map to nothing (reported, not guessed)
  std::vector<std::string> skipped_sheets;   ///< hidden or empty sheets not imported, with the reason
  bool already_imported = false;  ///< a file with the same SHA-256 was imported before: nothing done
  long long previous_batch = 0;   ///< that earlier batch
  bool written = false;           ///< the batch was stored
  long long batch_id = 0;
  bool file_error = false;        ///< the file as a whole could not be read or mapped
};

}  // namespace mujun::ingest
