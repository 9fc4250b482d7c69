// mujun fuzzing — the text format of the xlsx_parts target's inputs, and building a workbook.
//
// An input is up to five XML parts separated by the line kPartSeparator, in this order:
//   xl/workbook.xml, xl/_rels/workbook.xml.rels, xl/worksheets/sheet1.xml,
//   xl/sharedStrings.xml, xl/styles.xml
// [Content_Types].xml and _rels/.rels (→ xl/workbook.xml) are fixed. Parts not given are left
// out of the package (the reader must say which is missing). tests/fuzz/make_seeds.py writes
// seeds in this format from real workbooks.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mujun::fuzz {

inline constexpr std::string_view kPartSeparator = "\n----part----\n";

/// The package's parts (name, bytes) for an input in the format above.
std::vector<std::pair<std::string, std::string>> split_parts(std::string_view input);

/// Writes the parts as a zip archive (stored, no compression) to `path` with libzip.
/// Throws std::runtime_error when libzip fails (not an input problem).
void write_package(const std::string& path, const std::vector<std::pair<std::string, std::string>>& parts);

}  // namespace mujun::fuzz
