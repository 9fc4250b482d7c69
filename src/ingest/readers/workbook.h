// mujun — the workbook-level parts of an XLSX package: relationships, sheet list, date system,
// styles (which cells are dates) and the shared-strings table.
//
// Sources: ECMA-376 Part 2 (OPC) §9.3 relationships — a Target is resolved against the source
// part's folder, and a leading "/" makes it package-absolute (case 16-absolute-rel-targets);
// Part 1 §18.2 workbook (sheets, state="hidden|veryHidden", workbookPr/@date1904 as 1/true/0/false,
// case 14-date1904), §18.8 styles (cellXfs/@numFmtId, numFmts), §18.4 shared strings.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "ingest/readers/excel_date.h"
#include "ingest/readers/table_reader.h"
#include "ingest/readers/zip_archive.h"

namespace mujun::readers {

/// Resolves a relationship target against the part that holds the relationship:
/// ("xl/workbook.xml", "worksheets/sheet1.xml") → "xl/worksheets/sheet1.xml",
/// ("xl/workbook.xml", "/xl/sharedStrings.xml") → "xl/sharedStrings.xml", "../x" climbs, "%20"
/// is decoded. The result is a normalised part name (zip_archive.h).
std::string resolve_target(std::string_view source_part, std::string_view target);

struct Workbook {
  std::vector<SheetInfo> sheets;
  std::vector<std::string> sheet_parts;  ///< normalised part of sheets[i]; "" when unresolved
  bool date1904 = false;
  std::string shared_strings_part;       ///< "" when the workbook has none
  std::string styles_part;               ///< "" when the workbook has none
};

/// Reads _rels/.rels, the workbook part and its relationships. Throws ReaderError
/// ("reader.package" when no workbook or no sheet, "reader.too_many_sheets", XML/zip errors).
Workbook read_workbook(ZipArchive& archive);

/// Class (number/date/time) of each cellXfs entry, indexed by a cell's s attribute.
std::vector<FormatClass> read_cell_formats(ZipArchive& archive, const std::string& styles_part);

/// The shared-strings table, in order. Throws "reader.too_large" past
/// ReaderLimits::max_shared_strings_bytes and "reader.cell_too_long" for one string past
/// max_cell_bytes.
std::vector<std::string> read_shared_strings(ZipArchive& archive, const std::string& part);

}  // namespace mujun::readers
