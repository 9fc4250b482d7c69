// Helpers shared by the readers_*_test.cpp files: read a whole sheet into a map "A1" → Cell.
#pragma once
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "ingest/readers/table_reader.h"

namespace mujun::readers::test {

inline std::filesystem::path cases_dir() {
  return std::filesystem::path(MUJUN_SHARED_DIR) / "cases" / "readers";
}
inline std::filesystem::path fixtures_dir() {
  return std::filesystem::path(MUJUN_TEST_DIR) / "fixtures" / "readers";
}

struct Sheet {
  std::vector<Row> rows;
  std::map<std::string, Cell> cells;  // "A1" → cell, non-empty cells only
  std::size_t max_cols = 0;
};

inline Sheet read_sheet(TableReader& t, int index = 0) {
  Sheet s;
  t.open_sheet(index);
  Row r;
  while (t.next(r)) {
    s.max_cols = std::max(s.max_cols, r.cells.size());
    for (std::size_t c = 0; c < r.cells.size(); ++c)
      if (!r.cells[c].empty())
        s.cells[column_letters(static_cast<int>(c)) + std::to_string(r.number)] = r.cells[c];
    s.rows.push_back(r);
  }
  return s;
}

/// A fresh empty directory under the system temp dir, removed by the destructor.
struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& name) {
    path = std::filesystem::temp_directory_path() /
           (name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
};

}  // namespace mujun::readers::test
