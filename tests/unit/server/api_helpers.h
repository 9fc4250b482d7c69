// Helpers of the data-route tests (api_*_test.cpp): reading an exported workbook back with the
// project's own XLSX reader (ingest/readers), and the example zone's figures used as expectations.
#pragma once
#include <cctype>
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
