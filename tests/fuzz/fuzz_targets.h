// mujun — fuzz targets for the inputs mujun reads but did not write (issue 6, docs/SECURITY.md).
//
// Each target takes arbitrary bytes, feeds them to one parser the way the product does, and
// returns 0. The only acceptable outcomes are a result or the parser's documented error type
// (readers::ReaderError, evaluation::SchemeError, tiers::RuleError); anything else — another
// exception, a crash, a sanitizer report, a broken invariant (abort via fuzz_check) — is a defect.
// The same functions serve libFuzzer (libfuzzer_main.cpp, clang, one executable per target) and
// the regression replay (replay_main.cpp, GCC, registered in CTest).
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace mujun::fuzz {

using TargetFn = int (*)(const std::uint8_t* data, std::size_t size);

struct Target {
  std::string_view name;  ///< also the folder of its seeds: tests/fuzz/seeds/<name>/
  TargetFn run;
};

/// Bytes as a whole file → readers::open_table → every sheet, every row, header detection.
int xlsx_raw(const std::uint8_t* data, std::size_t size);
/// Bytes split into workbook parts (see xlsx_parts.h) → zipped → read as above. Reaches the XML
/// code that random zip bytes rarely get past the CRC check to.
int xlsx_parts(const std::uint8_t* data, std::size_t size);
/// First byte = chunk size − 1, the rest a worksheet part → SheetScanner (in those chunks) and
/// expat must give the same outcome and the same rows (differential; sheet_diff_target.cpp).
int sheet_diff(const std::uint8_t* data, std::size_t size);
/// Bytes as a CSV file (encoding detection UTF-8/UTF-16/GB18030, delimiter, quoting) → every row.
int csv(const std::uint8_t* data, std::size_t size);
/// Bytes as "fuzz-2024.csv" → ingest::import_files into an in-memory SQLite store (header mapping,
/// value and unit parsing, validation, plausibility, duplicates, all-or-nothing write).
int import_csv(const std::uint8_t* data, std::size_t size);
/// First byte picks the dimension and header unit, the rest is a cell's text → ingest::parse_value,
/// find_unit, parse_number (on the first 8 bytes as a double).
int values(const std::uint8_t* data, std::size_t size);
/// Bytes as a USCC cell → standards::validate_uscc, check characters; invariants on the result.
int uscc(const std::uint8_t* data, std::size_t size);
/// Bytes as scheme TOML → evaluation::parse_scheme; when accepted, evaluate a small fixed Frame
/// (division by zero, missing values, muParser formulas) and check no class rests on a NaN total.
int scheme(const std::uint8_t* data, std::size_t size);
/// Bytes as a tier rule-set TOML → tiers::parse_rule_set.
int rules(const std::uint8_t* data, std::size_t size);

/// Every target, in a fixed order.
std::span<const Target> all_targets();

/// Aborts with `what` when `ok` is false (an invariant of a target; works under -DNDEBUG).
void fuzz_check(bool ok, const char* what);

}  // namespace mujun::fuzz
