// Helpers of the data-route tests (api_*_test.cpp): reading an exported workbook back with the
// project's own XLSX reader (ingest/readers), and the example zone's figures used as expectations.
#pragma once
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "ingest/readers/table_reader.h"

namespace mujun::test {

/// Percent-encodes the UTF-8 bytes of `s` for a query value ("金桥镇" → "%E9%87%91…").
inline std::string enc(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') out += static_cast<char>(c);
    else out += {'%', hex[c >> 4], hex[c & 15]};
  }
  return out;
}

/// Every sheet of an XLSX body: names and rows (cell texts, header row included).
struct Workbook {
  std::vector<std::string> names;
  std::vector<std::vector<std::vector<std::string>>> sheets;
  /// The rows of sheet `name` (empty when there is none).
  const std::vector<std::vector<std::string>>& sheet(const std::string& name) const {
    static const std::vector<std::vector<std::string>> none;
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i] == name) return sheets[i];
    return none;
  }
};

inline Workbook xlsx_book(const std::string& bytes) {
  static int n = 0;
  auto path = std::filesystem::temp_directory_path() / ("mujun-api-book-" + std::to_string(::getpid()) + "-" +
                                                        std::to_string(n++) + ".xlsx");
  {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
  }
  Workbook b;
  {
    auto t = readers::open_table(path);
    for (const auto& s : t->sheets()) {
      b.names.push_back(s.name);
      t->open_sheet(s.index);
      std::vector<std::vector<std::string>> rows;
      readers::Row r;
      while (t->next(r)) {
        std::vector<std::string> cells;
        for (auto& c : r.cells) cells.push_back(c.text);
        rows.push_back(cells);
      }
      b.sheets.push_back(std::move(rows));
    }
  }
  std::filesystem::remove(path);
  return b;
}

/// The row of `rows` whose column `col` is `value` (nullptr when none).
inline const std::vector<std::string>* row_with(const std::vector<std::vector<std::string>>& rows, std::size_t col,
                                                const std::string& value) {
  for (const auto& r : rows)
    if (col < r.size() && r[col] == value) return &r;
  return nullptr;
}

/// The index of header `name` in the first row (rows.front().size() when absent).
inline std::size_t column_of(const std::vector<std::vector<std::string>>& rows, const std::string& name) {
  if (rows.empty()) return 0;
  for (std::size_t i = 0; i < rows.front().size(); ++i)
    if (rows.front()[i] == name) return i;
  return rows.front().size();
}

/// A cell as a number (NAN when empty or not a number).
inline double cell_value(const std::vector<std::string>& row, std::size_t col) {
  if (col >= row.size() || row[col].empty()) return NAN;
  try {
    return std::stod(row[col]);
  } catch (...) {
    return NAN;
  }
}

/// The rows (cell texts) of the first sheet of an XLSX body, header row included.
inline std::vector<std::vector<std::string>> xlsx_rows(const std::string& bytes) {
  static int n = 0;
  auto path = std::filesystem::temp_directory_path() / ("mujun-api-test-" + std::to_string(::getpid()) + "-" +
                                                        std::to_string(n++) + ".xlsx");
  {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
  }
  std::vector<std::vector<std::string>> rows;
  {
    auto t = readers::open_table(path);
    t->open_sheet(0);
    readers::Row r;
    while (t->next(r)) {
      std::vector<std::string> cells;
      for (auto& c : r.cells) cells.push_back(c.text);
      rows.push_back(cells);
    }
  }
  std::filesystem::remove(path);
  return rows;
}

// The example zone (examples/wansheng-2024), 2024 evaluated with schemes/chongqing-default.toml:
// `mujun evaluate --year 2024 --scheme schemes/chongqing-default.toml` prints for 规上制造业
// (above_scale_manufacturing) N 117: A 23 / B 47 / C 41 / D 6, first 915001106925916133 重庆綦华储能科技股份有限公司
// (206.380, A, 金桥镇), second 91500110459692186D 重庆金信新能源科技股份有限公司 (197.612, A, 万盛街道).
inline constexpr const char* kFirst = "915001106925916133";
inline constexpr const char* kSecond = "91500110459692186D";

}  // namespace mujun::test
