// Every file of /work/shared/cases/readers (real structures that broke other readers) read with
// open_table, asserting what /work/shared/cases/readers/expected.json says a correct reader
// returns. The expectations are interpreted from the JSON itself (rules in expect_cell below),
// and every case file must have an entry, so a new case cannot be skipped silently.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "ingest/readers/header.h"
#include "readers_test_util.h"

namespace mujun::readers {
namespace {

using test::cases_dir;

nlohmann::json expected() {
  std::ifstream in(cases_dir() / "expected.json");
  return nlohmann::json::parse(in);
}

bool is_cell_ref(const std::string& key) {
  int col;
  long row;
  return parse_cell_ref(key, col, row) && row > 0;
}

// Interpretation of one expected.json cell value:
//   null → Empty; a number → Number with that value (CSV: Text whose text is that number, as CSV
//   cells are always text); "date Y-M-D" → Date with that ISO text; "datetime Y-M-D h:m" → Date
//   "Y-M-DTh:m:00"; "unknown (…)" → FormulaNoValue; "X (text, flagged as formula-like…)" → Text X
//   with formula_like; any other string → Text with exactly that text.
void expect_cell(const std::string& file, const std::string& ref, const nlohmann::json& want,
                 const test::Sheet& sheet, bool csv) {
  SCOPED_TRACE(file + " " + ref);
  auto it = sheet.cells.find(ref);
  if (want.is_null()) {
    EXPECT_TRUE(it == sheet.cells.end()) << "expected a blank cell, got " << it->second.text;
    return;
  }
  ASSERT_TRUE(it != sheet.cells.end()) << "cell missing";
  const Cell& c = it->second;
  if (want.is_number()) {
    if (csv) {
      EXPECT_EQ(c.kind, CellKind::Text);
      EXPECT_DOUBLE_EQ(std::stod(c.text), want.get<double>());
    } else {
      EXPECT_EQ(c.kind, CellKind::Number) << kind_name(c.kind);
      EXPECT_DOUBLE_EQ(c.number, want.get<double>());
    }
    return;
  }
  std::string s = want.get<std::string>();
  if (s.rfind("date ", 0) == 0) {
    EXPECT_EQ(c.kind, CellKind::Date) << kind_name(c.kind);
    EXPECT_EQ(c.iso, s.substr(5));
  } else if (s.rfind("datetime ", 0) == 0) {
    std::string iso = s.substr(9);
    iso[10] = 'T';
    EXPECT_EQ(c.kind, CellKind::Date) << kind_name(c.kind);
    EXPECT_EQ(c.iso, iso + ":00");
  } else if (s.rfind("unknown", 0) == 0) {
    EXPECT_EQ(c.kind, CellKind::FormulaNoValue) << kind_name(c.kind);
  } else if (auto p = s.find(" (text, flagged as formula-like"); p != std::string::npos) {
    EXPECT_EQ(c.kind, CellKind::Text);
    EXPECT_EQ(c.text, s.substr(0, p));
    EXPECT_TRUE(c.formula_like);
  } else {
    EXPECT_EQ(c.kind, CellKind::Text) << kind_name(c.kind);
    EXPECT_EQ(c.text, s);
    EXPECT_FALSE(c.formula_like);
  }
}

// The importer's callback stands in here: labels that name a metric column are known.
int known_label(std::string_view label) {
  for (std::string_view w : {"企业名称", "工业总产值", "税收", "用地面积", "纳税人识别号", "金额"})
    if (label.find(w) != std::string_view::npos) return 1;
  return 0;
}

TEST(ReadersCases, EveryCaseFileHasAnExpectation) {
  auto exp = expected();
  std::set<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(cases_dir()))
    if (e.path().filename() != "expected.json") files.insert(e.path().filename().string());
  for (const auto& f : files) EXPECT_TRUE(exp.contains(f)) << f;
  EXPECT_EQ(files.size(), exp.size());
  EXPECT_EQ(files.size(), 19u);
}

TEST(ReadersCases, EachCaseReadsAsExpected) {
  auto exp = expected();
  int cells_checked = 0;
  for (auto& [file, want] : exp.items()) {
    SCOPED_TRACE(file);
    auto t = open_table(cases_dir() / file);
    const bool csv = t->format() == TableFormat::Csv;
    EXPECT_EQ(csv, file.ends_with(".csv"));
    test::Sheet sheet = test::read_sheet(*t);
    for (auto& [key, value] : want.items()) {
      if (key == "why") continue;
      if (is_cell_ref(key)) {
        expect_cell(file, key, value, sheet, csv);
        ++cells_checked;
      } else if (key == "rows") {
        EXPECT_EQ(sheet.rows.size(), value.get<std::size_t>());
      } else if (key == "cols") {
        EXPECT_EQ(sheet.max_cols, value.get<std::size_t>());
      } else if (key == "encoding") {
        // "GB18030 (GBK subset)" and "GB18030" are both decoded by the GB18030 decoder.
        EXPECT_EQ(value.get<std::string>().rfind("GB18030", 0), 0u);
        EXPECT_EQ(t->encoding(), "gb18030");
      } else if (key == "delimiter") {
        EXPECT_EQ(std::string(1, t->delimiter()), value.get<std::string>());
      } else if (key == "header") {
        std::vector<std::string> labels;
        if (csv) {
          for (const auto& c : sheet.rows.at(0).cells) labels.push_back(c.text);
        } else {
          labels = detect_header(sheet.rows, t->merges(), known_label).labels;
        }
        EXPECT_EQ(labels, value.get<std::vector<std::string>>());
      } else {
        ADD_FAILURE() << "expected.json key not understood by this test: " << key;
      }
    }
  }
  EXPECT_GE(cells_checked, 35);
}

// Facts of the cases beyond expected.json, checked by hand against the files' XML/bytes.
TEST(ReadersCases, DetailsReadFromTheFiles) {
  {  // 20a: the BOM is reported and stripped
    auto t = open_table(cases_dir() / "20a-bom.csv");
    EXPECT_EQ(t->encoding(), "utf-8-bom");
    auto s = test::read_sheet(*t);
    EXPECT_EQ(s.cells.at("A2").text, "9150011029141777XN");
  }
  {  // 06b is UTF-8-invalid, GB18030-valid; 20d is UTF-8 with CRLF + a quoted LF
    EXPECT_EQ(open_table(cases_dir() / "06b-gb18030-4byte.csv")->encoding(), "gb18030");
    auto t = open_table(cases_dir() / "20d-quoted-newline.csv");
    EXPECT_EQ(t->encoding(), "utf-8");
    auto s = test::read_sheet(*t);
    EXPECT_EQ(s.cells.at("B3").text, "无");
    EXPECT_EQ(s.rows.at(2).number, 3);
  }
  {  // 20b: the header keeps its 3 fields; data rows lose their trailing empty one
    auto t = open_table(cases_dir() / "20b-trailing-delimiter.csv");
    auto s = test::read_sheet(*t);
    ASSERT_EQ(s.rows.size(), 3u);
    for (const auto& r : s.rows) EXPECT_EQ(r.cells.size(), 3u);
  }
  {  // 11: cached formula values carry has_formula; D2's formula text is kept for the message
    auto s = test::read_sheet(*open_table(cases_dir() / "11-formula-cached.xlsx"));
    EXPECT_TRUE(s.cells.at("E2").has_formula);
    EXPECT_TRUE(s.cells.at("B2").has_formula);
    EXPECT_EQ(s.cells.at("D2").text, "SUM(A1:A3)");
    EXPECT_EQ(s.cells.at("C2").kind, CellKind::Text);
  }
  {  // 19: merges known before the first row; the data row below keeps its blank
    auto t = open_table(cases_dir() / "19-merged-header.xlsx");
    t->open_sheet(0);
    std::vector<MergeRange> want{{1, 2, 0, 0}, {1, 1, 1, 3}};
    EXPECT_EQ(t->merges(), want);
    auto s = test::read_sheet(*t);
    auto h = detect_header(s.rows, t->merges(), known_label);
    EXPECT_EQ(h.first_row, 1);
    EXPECT_EQ(h.last_row, 2);
    EXPECT_EQ(h.known_columns, 4);
    EXPECT_FALSE(h.fallback);
  }
  {  // 14: the 1904 serial as written; 02: the serial of a date cell is the stored number
    auto t = open_table(cases_dir() / "14-date1904.xlsx");
    auto s = test::read_sheet(*t);
    EXPECT_DOUBLE_EQ(s.cells.at("A1").number, 40787.6666666667);
    EXPECT_EQ(s.cells.at("A1").text, "40787.6666666667");
    auto d = test::read_sheet(*open_table(cases_dir() / "02-cjk-builtin-date-ids.xlsx"));
    EXPECT_DOUBLE_EQ(d.cells.at("A1").number, 45292);
  }
}

}  // namespace
}  // namespace mujun::readers
