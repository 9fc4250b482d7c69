// mujun — the importer: agency files → validated records → one all-or-nothing store transaction.
//
// For each file: SHA-256 (a file imported before is detected and skipped), open as a table
// (readers/), per visible sheet find the header (readers/header.h) and map every column
// (aliases.h: unknown columns are reported, never guessed), parse every cell into the canonical
// unit (values.h), validate (USCC per GB 32100-2015, GB/T 4754-2017 codes, impossible values,
// duplicates within the file), compare with the values other sources already gave (conflicts are
// kept both and reported with the precedence that decides), and build one store::BatchWrite.
// Nothing is written when any row of any file was rejected, unless `partial` is set; then the
// valid rows are written and the rejected rows are stored with the batch (DESIGN.md principle 2).
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
};

/// The sources accepted by --source.
const std::vector<std::string>& known_sources();

/// Imports `files` into `store`. Returns one report per file (in order). Never throws for bad input:
/// unreadable files, unmapped sheets and bad rows are reported; a store failure throws
/// store::StoreError and nothing is written.
std::vector<FileReport> import_files(store::Store& store, const std::vector<std::string>& files,
                                     const ImportOptions& options);

/// True when the reports say the command should exit 1: a file could not be read or mapped (with
/// --partial the other files were still imported), or rows were rejected without --partial.
bool import_failed(const std::vector<FileReport>& reports, bool partial);

}  // namespace mujun::ingest
