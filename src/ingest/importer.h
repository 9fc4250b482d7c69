// mujun — the importer: agency files → validated records → one all-or-nothing store transaction.
//
// The import takes the database's write lock first (store::ImportSession: BEGIN IMMEDIATE), then
// for each file: SHA-256 (a file imported before is detected and skipped), open as a table
// (readers/), per visible sheet find the header (readers/header.h) and map every column
// (aliases.h: unknown columns are reported, never guessed), parse every cell into the canonical
// unit (values.h), validate (USCC per GB 32100-2015, GB/T 4754-2017 codes, impossible values,
// duplicates within the file), and write each accepted row into the open transaction as it is read;
// then compare the file's facts with the values other sources gave (conflicts are kept both and
// reported with the precedence that decides). Nothing is committed when any row of any file was
// rejected, unless `partial` is set; then the valid rows are committed and the rejected rows are
// stored with the batch (DESIGN.md principle 2).
//
// Memory is bounded, whatever the number of rows: rows are written as they are read, duplicate
// keys and rejected rows are kept on disk (a temporary database), and the report keeps a bounded
// number of issues per code (import_report.h). docs/SECURITY.md "Memory" gives the measurements.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "ingest/import_report.h"
#include "store/store.h"

namespace mujun::ingest {

struct ImportOptions {
  /// statistics | tax | land | energy | emissions | certificates | registry | support; "" = infer
  /// from the columns (tax if 实缴税金/纳税人识别号, land if 宗地面积, …) and say so in the report.
  std::string source;
  /// Period of the values; 0 = from a year column, a "2024年" header, or a year in the file name
  /// (in that order; the report says which). A file whose year cannot be told is rejected.
  int year = 0;
  /// Import the valid rows even when some rows are rejected; files that cannot be read or mapped at
  /// all are reported and skipped while the others are imported.
  bool partial = false;
  /// Also import hidden sheets (skipped by default: agencies hide notes and working sheets there).
  bool include_hidden = false;
  /// Called every 50,000 data rows with (file, rows read so far): progress for large files.
  std::function<void(const std::string&, long)> progress;
  /// Receives every rejected row of every file — (file as given, the row with its sheet, header,
  /// cells and errors) — in file and row order, once the import has committed or rolled back (the
  /// write lock is released by then). Rows are read back from disk one at a time. Rows of files
  /// that could not be read to the end are included. Not called when a store failure is thrown.
  std::function<void(const std::string& file, const RejectedRow& row)> rejected_row;
};

/// The sources accepted by --source.
const std::vector<std::string>& known_sources();

/// Imports `files` into `store` in one store::ImportSession (the store must have no session open).
/// Returns one report per file (in order). Never throws for bad input: unreadable files, unmapped
/// sheets and bad rows are reported; a store failure throws store::StoreError and nothing is written
/// — among them "数据库正被另一个进程写入…" when another import holds the database for longer than
/// the busy timeout (10 s). Used by `mujun import` and the web API's upload handler.
std::vector<FileReport> import_files(store::Store& store, const std::vector<std::string>& files,
                                     const ImportOptions& options);

/// True when the reports say the command should exit 1: a file could not be read or mapped (with
/// --partial the other files were still imported), or rows were rejected without --partial.
bool import_failed(const std::vector<FileReport>& reports, bool partial);

}  // namespace mujun::ingest
