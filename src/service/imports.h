// mujun service — an uploaded agency file imported (POST /api/imports): the bytes are written to a
// private temporary folder under their own file name (the importer reads the year from a name like
// 统计局2024.xlsx), imported with ingest::import_files (all-or-nothing unless `partial`), and the
// temporary copy removed. The report names the file as uploaded, never the temporary path.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ingest/import_report.h"
#include "ingest/importer.h"
#include "store/store.h"

namespace mujun::service {

struct Upload {
  std::vector<ingest::FileReport> reports;  ///< one per file (here: one)
  bool imported = false;                    ///< !ingest::import_failed(reports, partial)
  std::vector<long long> batch_ids;         ///< batches written
  /// The rejected rows (sheet, row, header, cells, errors), for the rejects download of an upload
  /// that was refused and not stored. At most kRejectedRowsKept rows are kept.
  std::vector<ingest::RejectedRow> rejected;
  long rejected_total = 0;  ///< all rejected rows, kept or not
};

inline constexpr std::size_t kRejectedRowsKept = 100000;

/// The uploaded file name reduced to a safe base name (no folders, no control characters, ≤ 200 bytes);
/// "" when nothing usable remains or the extension is not .xlsx/.xlsm/.csv/.txt.
std::string safe_upload_name(const std::string& name);

/// Imports `bytes` as the file `file_name` (options.rejected_row, when set, is called too). Throws std::invalid_argument (Chinese first) for a name
/// safe_upload_name refuses, std::runtime_error when the temporary copy cannot be written,
/// store::StoreError (nothing written).
Upload import_upload(store::Store& store, const std::string& file_name, const std::string& bytes,
                     const ingest::ImportOptions& options);

/// The report as `mujun import --json` prints it: {"files": [{file, sha256, source, year, encoding,
/// rows_total, rows_accepted, rows_rejected, written, batch_id, already_imported, previous_batch,
/// conversions, unknown_columns, skipped_sheets, warnings: [{sheet,row,column,value,code,message}],
/// rejects: [{…}]}], "imported": bool}.
nlohmann::json import_report_json(const std::vector<ingest::FileReport>& reports, bool partial);

}  // namespace mujun::service
