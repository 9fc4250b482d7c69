// mujun — finding the header row(s) of a sheet and one label per column, for the importer.
//
// Agency sheets often start with a title row, put units on the header, and group columns under a
// merged cell ("2024年" over 工业总产值/税收/用地面积, case 19-merged-header). Rule:
//  1. Look at the first rows (up to HeaderOptions::max_scan_rows). A cell inside a merged range
//     reads as the range's top-left text — for header rows only: data rows are never filled.
//  2. The header's last row is the row with the most labels the importer knows (the `known`
//     callback: 1 when a label maps to a known column), the earliest on a tie. When no row has a
//     known label: the first row with ≥ 2 non-empty cells, more than half of them text.
//  3. The block grows upward over a row above it while a merged range joins them (a vertical
//     merge such as A1:A2 reaching into the block, or a group merge of ≥ 2 columns such as B1:D1),
//     unless that merge spans every used column (a title), up to max_header_rows rows; and it
//     grows downward over all-text rows that a merge of the block reaches into or groups (so the
//     text fallback, stopping on a group row, still finds the labels under it).
//  4. A column's label is its texts from the top of the block down, empty ones and repeats of the
//     one above (a vertical merge) skipped, joined with "/": "2024年/工业总产值（万元）".
//     Labels are trimmed of ASCII and ideographic (U+3000) spaces.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/readers/cell.h"
#include "ingest/readers/table_reader.h"

namespace mujun::readers {

struct HeaderOptions {
  int max_scan_rows = 15;
  int max_header_rows = 4;
};

struct Header {
  /// Sheet row numbers (1-based, inclusive) of the header block; both 0 when none was found.
  long first_row = 0;
  long last_row = 0;
  /// One label per column (index = column, 0-based); "" for a column without header text.
  std::vector<std::string> labels;
  /// Columns whose label, or its last "/" part, the `known` callback accepted.
  int known_columns = 0;
  /// True when the row was chosen by the text fallback (no known label anywhere).
  bool fallback = false;
};

/// `rows`: the sheet's first rows as delivered by TableReader::next (any number; only the first
/// `max_scan_rows` are looked at); `merges`: TableReader::merges() of the sheet.
Header detect_header(const std::vector<Row>& rows, const std::vector<MergeRange>& merges,
                     const std::function<int(std::string_view)>& known,
                     const HeaderOptions& options = {});

/// The text a header cell shows: Text/Error text, Number/Bool stored text, Date ISO text;
/// trimmed as above. "" for Empty and FormulaNoValue.
std::string header_text(const Cell& cell);

}  // namespace mujun::readers
