// mujun — rendering import reports for the terminal and as JSON (`mujun import`, `mujun demo`).
#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "ingest/import_report.h"

namespace mujun::cli {

/// Readable table: one line per file (source, year, encoding, rows, accepted, rejected, warnings),
/// the unit conversions applied, unknown columns, skipped sheets, then rejects and warnings grouped
/// by reason with their full count and up to `examples` rows each (row, column, value, message),
/// "… 另有 N 处 / N more" for the rest, and the outcome.
void render_import_text(std::ostream& out, const std::vector<ingest::FileReport>& reports, bool partial,
                        int examples = 5);

/// JSON: {"files": [{file, sha256, source, year, encoding, rows_total, rows_accepted, rows_rejected,
/// written, batch_id, already_imported, conversions, unknown_columns, skipped_sheets,
/// warnings: [{sheet,row,column,value,code,message}], warnings_total,
/// rejects: [{sheet,row,column,value,code,message}], rejects_total}], "imported": bool}.
/// The lists hold the issues the report kept (of each code the first 1,000 of a file, fewer when
/// their text is long: ingest/import_report.h); warnings_total and rejects_total count them all.
std::string render_import_json(const std::vector<ingest::FileReport>& reports, bool partial);

}  // namespace mujun::cli
