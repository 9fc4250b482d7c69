// Helpers shared by the readers_*_test.cpp files: read a whole sheet into a map "A1" → Cell.
#pragma once
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <utility>
#include <string>
#include <vector>

#include <zip.h>

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

/// Writes a zip archive of `parts` (name → bytes) with libzip, deflated. Used to build minimal
/// workbooks whose XML a test controls exactly.
inline void write_zip(const std::filesystem::path& path,
                      const std::vector<std::pair<std::string, std::string>>& parts) {
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (!z) throw std::runtime_error("zip_open");
  for (const auto& [name, bytes] : parts) {
    zip_source_t* src = zip_source_buffer(z, bytes.data(), bytes.size(), 0);
    zip_int64_t idx = zip_file_add(z, name.c_str(), src, ZIP_FL_ENC_UTF_8);
    zip_set_file_compression(z, static_cast<zip_uint64_t>(idx), ZIP_CM_DEFLATE, 9);
  }
  if (zip_close(z) != 0) throw std::runtime_error("zip_close");
}

/// The bytes of one entry of a zip archive ("" when absent).
inline std::string read_zip_entry(const std::filesystem::path& path, const std::string& name) {
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
  if (!z) return {};
  std::string out;
  if (zip_file_t* f = zip_fopen(z, name.c_str(), 0)) {
    char buf[4096];
    for (zip_int64_t n; (n = zip_fread(f, buf, sizeof buf)) > 0;) out.append(buf, static_cast<std::size_t>(n));
    zip_fclose(f);
  }
  zip_discard(z);
  return out;
}

inline const char* kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/// A minimal one-sheet workbook around `sheet_data` (the inside of <worksheet>), optional
/// shared strings (<si> items), styles (<cellXfs>/<numFmts> inside <styleSheet>), workbookPr.
inline void write_xlsx(const std::filesystem::path& path, const std::string& worksheet_inner,
                       const std::string& sst_items = "", const std::string& styles_inner = "",
                       const std::string& workbook_pr = "") {
  std::string rels_type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
  std::vector<std::pair<std::string, std::string>> parts = {
      {"[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
      {"_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"" + rels_type + "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
      {"xl/workbook.xml", std::string("<workbook xmlns=\"") + kMain + "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" + workbook_pr + "<sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"" + rels_type + "worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"" + rels_type + "sharedStrings\" Target=\"sharedStrings.xml\"/><Relationship Id=\"rId3\" Type=\"" + rels_type + "styles\" Target=\"styles.xml\"/></Relationships>"},
      {"xl/worksheets/sheet1.xml", std::string("<worksheet xmlns=\"") + kMain + "\">" + worksheet_inner + "</worksheet>"},
      {"xl/sharedStrings.xml", std::string("<sst xmlns=\"") + kMain + "\">" + sst_items + "</sst>"},
      {"xl/styles.xml", std::string("<styleSheet xmlns=\"") + kMain + "\">" + styles_inner + "</styleSheet>"},
  };
  write_zip(path, parts);
}

}  // namespace mujun::readers::test
