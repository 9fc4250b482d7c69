// mujun — the merged ranges of a worksheet part, found before its rows are parsed.
//
// <mergeCells> comes after <sheetData> (ECMA-376 Part 1 §18.3.1.99 CT_Worksheet order), so the
// whole part must be read once to know them. This scan inflates the part and searches the raw
// bytes for the </sheetData> (or <sheetData/>) tag, with any namespace prefix, without parsing
// the rows; the tail after it (merges, print settings; bounded to 64 MiB) is then parsed with
// expat for <mergeCell ref="A1:B2">. Text nodes cannot hold a raw "<", so the pattern cannot
// occur inside cell text.
#pragma once
#include <string>
#include <vector>

#include "ingest/readers/table_reader.h"
#include "ingest/readers/zip_archive.h"

namespace mujun::readers {

/// Parses a range "A1:D1" (or a single cell "B2") into a MergeRange; false when malformed.
bool parse_range(std::string_view ref, MergeRange& out);

/// The merged ranges of `part`, in file order. Throws ReaderError (zip/XML errors, a tail past
/// 64 MiB: "reader.too_large").
std::vector<MergeRange> scan_merges(ZipArchive& archive, const std::string& part);

}  // namespace mujun::readers
