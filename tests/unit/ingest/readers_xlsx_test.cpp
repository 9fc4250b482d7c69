// XLSX reader on files written by other programs: LibreOffice (committed fixtures, see
// tests/fixtures/readers/README.md), libxlsxwriter in constant-memory mode (written here, at
// test time: inline strings), and minimal hand-written packages for the cell types those two
// programs do not produce (error cells, t="d", _xHHHH_ escapes, prefixed namespaces).
// Serial day numbers were checked by hand: 2024-01-15 = 45306, 2023-06-30 = 45107 (the values
// LibreOffice stored), 2024-02-29 = 45351 (= 45306 + 16 + 29), 0.5 day = 12:00:00.
#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include "ingest/readers/header.h"
#include "ingest/readers/xlsx_reader.h"
#include "readers_test_util.h"

namespace mujun::readers {
namespace {

using test::fixtures_dir;

TEST(ReadersXlsx, LibreOfficeTwoSheetsOneHidden) {
  auto t = open_table(fixtures_dir() / "lo-two-sheets.xlsx");
  ASSERT_EQ(t->format(), TableFormat::Xlsx);
  ASSERT_EQ(t->sheets().size(), 2u);
  EXPECT_EQ(t->sheets()[0].name, "企业数据");
  EXPECT_FALSE(t->sheets()[0].hidden);
  EXPECT_EQ(t->sheets()[1].name, "说明");
  EXPECT_TRUE(t->sheets()[1].hidden);
  EXPECT_EQ(t->encoding(), "utf-8");

  auto s = test::read_sheet(*t, 0);
  ASSERT_EQ(s.rows.size(), 3u);
  EXPECT_EQ(s.max_cols, 7u);
  EXPECT_EQ(s.cells.at("A1").text, "企业名称");
  EXPECT_EQ(s.cells.at("C1").text, "税收（万元）");
  EXPECT_EQ(s.cells.at("A2").text, "万盛玻璃有限公司");
  EXPECT_EQ(s.cells.at("B2").kind, CellKind::Text);  // "00123" was a string in the ODS
  EXPECT_EQ(s.cells.at("B2").text, "00123");
  EXPECT_EQ(s.cells.at("C2").kind, CellKind::Number);
  EXPECT_DOUBLE_EQ(s.cells.at("C2").number, 12.5);
  EXPECT_EQ(s.cells.at("C2").text, "12.5");
  EXPECT_EQ(s.cells.at("E2").kind, CellKind::Date);
  EXPECT_EQ(s.cells.at("E2").iso, "2024-01-15");
  EXPECT_DOUBLE_EQ(s.cells.at("E2").number, 45306);
  EXPECT_EQ(s.cells.at("E3").iso, "2023-06-30");
  EXPECT_EQ(s.cells.at("F2").kind, CellKind::Bool);
  EXPECT_DOUBLE_EQ(s.cells.at("F2").number, 1);
  EXPECT_DOUBLE_EQ(s.cells.at("F3").number, 0);
  EXPECT_EQ(s.cells.at("G2").kind, CellKind::Number);  // cached formula value
  EXPECT_TRUE(s.cells.at("G2").has_formula);
  EXPECT_DOUBLE_EQ(s.cells.at("G2").number, 25);
  EXPECT_DOUBLE_EQ(s.cells.at("G3").number, 1.5);
  EXPECT_EQ(s.cells.count("B3"), 0u);  // the blank stays blank

  auto hidden = test::read_sheet(*t, 1);
  ASSERT_EQ(hidden.rows.size(), 1u);
  EXPECT_EQ(hidden.cells.at("A1").text, "隐藏的说明页");
  // back to the first sheet: reading restarts at its first row
  t->open_sheet(0);
  Row r;
  ASSERT_TRUE(t->next(r));
  EXPECT_EQ(r.number, 1);
  EXPECT_THROW(t->open_sheet(2), ReaderError);
}

TEST(ReadersXlsx, LibreOfficeFromCsv) {
  auto s = test::read_sheet(*open_table(fixtures_dir() / "lo-from-csv.xlsx"));
  EXPECT_EQ(s.cells.at("A2").text, "重庆万盛煤化有限公司");
  EXPECT_DOUBLE_EQ(s.cells.at("B2").number, 1234.56);
  EXPECT_DOUBLE_EQ(s.cells.at("B3").number, -7.5);
  EXPECT_EQ(s.cells.at("C2").iso, "2024-03-01");  // serial 45352
  EXPECT_EQ(s.cells.at("C3").iso, "2019-12-31");  // serial 43830
  EXPECT_EQ(s.cells.at("D3").text, "含逗号,和\"引号\"");
}

// libxlsxwriter, constant_memory: rows go straight to disk with inline strings.
void write_with_libxlsxwriter(const std::filesystem::path& path, const std::string& tmp) {
  lxw_workbook_options opt{};
  opt.constant_memory = LXW_TRUE;
  opt.tmpdir = const_cast<char*>(tmp.c_str());
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &opt);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "统计局");
  lxw_worksheet* hidden = workbook_add_worksheet(wb, "隐藏");
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "yyyy-mm-dd");
  lxw_format* cn_date = workbook_add_format(wb);
  format_set_num_format(cn_date, "yyyy\"年\"m\"月\"d\"日\"");
  lxw_format* time = workbook_add_format(wb);
  format_set_num_format(time, "hh:mm");
  lxw_format* money = workbook_add_format(wb);
  format_set_num_format(money, "#,##0.00_);[Red](#,##0.00)");
  worksheet_merge_range(ws, 0, 0, 1, 0, "企业名称", nullptr);
  worksheet_merge_range(ws, 0, 1, 0, 2, "2024年", nullptr);
  worksheet_write_string(ws, 1, 1, "工业总产值（万元）", nullptr);
  worksheet_write_string(ws, 1, 2, "税收（万元）", nullptr);
  worksheet_write_string(ws, 2, 0, "甲公司", nullptr);
  worksheet_write_number(ws, 2, 1, 5000, nullptr);
  worksheet_write_number(ws, 2, 2, 300.25, money);
  worksheet_write_string(ws, 3, 0, "乙公司", nullptr);
  worksheet_write_number(ws, 3, 1, 800, nullptr);
  lxw_datetime dt = {2024, 2, 29, 0, 0, 0};
  worksheet_write_datetime(ws, 4, 0, &dt, date);
  worksheet_write_datetime(ws, 4, 1, &dt, cn_date);
  worksheet_write_number(ws, 4, 2, 0.5, time);
  worksheet_write_boolean(ws, 4, 3, 1, nullptr);
  worksheet_write_formula_num(ws, 4, 4, "=B3+B4", nullptr, 5800);
  worksheet_write_string(ws, 4, 5, "  前后空格  ", nullptr);
  worksheet_write_string(hidden, 0, 0, "不导入", nullptr);
  worksheet_hide(hidden);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
}

TEST(ReadersXlsx, LibxlsxwriterConstantMemoryInlineStrings) {
  test::TempDir dir("mujun-readers-xlsxwriter");
  auto path = dir.path / "统计局.xlsx";
  write_with_libxlsxwriter(path, dir.path.string());
  // the premise: constant-memory mode wrote inline strings and no shared-strings part
  EXPECT_NE(test::read_zip_entry(path, "xl/worksheets/sheet1.xml").find("t=\"inlineStr\""), std::string::npos);
  EXPECT_EQ(test::read_zip_entry(path, "xl/sharedStrings.xml"), "");
  auto t = open_table(path);
  ASSERT_EQ(t->sheets().size(), 2u);
  EXPECT_TRUE(t->sheets()[1].hidden);
  t->open_sheet(0);
  std::vector<MergeRange> merges{{1, 2, 0, 0}, {1, 1, 1, 2}};
  EXPECT_EQ(t->merges(), merges);
  auto s = test::read_sheet(*t);
  EXPECT_EQ(s.cells.at("A1").text, "企业名称");
  EXPECT_EQ(s.cells.at("B2").text, "工业总产值（万元）");
  EXPECT_DOUBLE_EQ(s.cells.at("C3").number, 300.25);
  EXPECT_EQ(s.cells.at("C3").kind, CellKind::Number);  // "[Red]" and "_)" are not date letters
  EXPECT_EQ(s.cells.count("C4"), 0u);
  EXPECT_EQ(s.cells.at("A5").iso, "2024-02-29");
  EXPECT_DOUBLE_EQ(s.cells.at("A5").number, 45351);
  EXPECT_EQ(s.cells.at("B5").iso, "2024-02-29");  // yyyy"年"m"月"d"日"
  EXPECT_EQ(s.cells.at("C5").kind, CellKind::Date);
  EXPECT_EQ(s.cells.at("C5").iso, "12:00:00");
  EXPECT_EQ(s.cells.at("D5").kind, CellKind::Bool);
  EXPECT_DOUBLE_EQ(s.cells.at("E5").number, 5800);
  EXPECT_TRUE(s.cells.at("E5").has_formula);
  EXPECT_EQ(s.cells.at("F5").text, "  前后空格  ");  // the reader keeps spaces; the importer trims

  auto known = [](std::string_view l) {
    return l == "企业名称" || l == "工业总产值（万元）" || l == "税收（万元）" ? 1 : 0;
  };
  auto h = detect_header(s.rows, t->merges(), known);
  std::vector<std::string> labels{"企业名称", "2024年/工业总产值（万元）", "2024年/税收（万元）"};
  EXPECT_EQ(h.labels, labels);
  EXPECT_EQ(h.last_row, 2);
}

TEST(ReadersXlsx, CellTypesLibreOfficeAndLibxlsxwriterDoNotWrite) {
  test::TempDir dir("mujun-readers-types");
  auto path = dir.path / "types.xlsx";
  test::write_xlsx(
      path,
      "<sheetData><row r=\"2\"><c r=\"A2\" t=\"e\"><v>#DIV/0!</v></c><c r=\"B2\" t=\"d\"><v>2024-01-01T08:30:00Z</v></c>"
      "<c r=\"C2\" t=\"s\"><v>0</v></c><c r=\"D2\" t=\"b\"><v>true</v></c><c r=\"E2\" s=\"1\"><v>-1</v></c>"
      "<c r=\"F2\" t=\"inlineStr\"><is><t>a_x005F_b</t></is></c></row>"
      "<row r=\"7\" spans=\"1:2\"><c r=\"B7\" t=\"n\"><v>1E-3</v></c></row></sheetData>",
      "<si><t>第一行_x000D_\n第二行</t></si>",
      "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs>");
  auto s = test::read_sheet(*open_table(path));
  EXPECT_EQ(s.cells.at("A2").kind, CellKind::Error);
  EXPECT_EQ(s.cells.at("A2").text, "#DIV/0!");
  EXPECT_EQ(s.cells.at("B2").kind, CellKind::Date);
  EXPECT_EQ(s.cells.at("B2").iso, "2024-01-01T08:30:00");
  EXPECT_NEAR(s.cells.at("B2").number, 45292 + 8.5 / 24, 1e-9);
  EXPECT_EQ(s.cells.at("C2").text, "第一行\r\n第二行");
  EXPECT_DOUBLE_EQ(s.cells.at("D2").number, 1);
  // a negative serial under a date format is no date (Excel shows ####): kept as the number
  EXPECT_EQ(s.cells.at("E2").kind, CellKind::Number);
  EXPECT_EQ(s.cells.at("F2").text, "a_b");
  EXPECT_DOUBLE_EQ(s.cells.at("B7").number, 0.001);
  ASSERT_EQ(s.rows.size(), 2u);
  EXPECT_EQ(s.rows[1].number, 7);
}

TEST(ReadersXlsx, PrefixedNamespacesAndNumericDate1904) {
  test::TempDir dir("mujun-readers-prefix");
  auto path = dir.path / "prefix.xlsx";
  // Some generators (e.g. .NET Open XML SDK) write every element with an "x:" prefix.
  test::write_zip(path, {
      {"_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"r1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"/xl/workbook.xml\"/></Relationships>"},
      {"xl/workbook.xml", "<x:workbook xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:rel=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><x:workbookPr date1904=\"1\"/><x:sheets><x:sheet name=\"数据\" sheetId=\"1\" rel:id=\"a\"/><x:sheet name=\"图\" sheetId=\"2\" state=\"veryHidden\" rel:id=\"b\"/></x:sheets></x:workbook>"},
      {"xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"a\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"sheets/../worksheets/s%201.xml\"/><Relationship Id=\"b\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/s2.xml\"/><Relationship Id=\"c\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>"},
      {"xl/styles.xml", "<x:styleSheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><x:numFmts><x:numFmt numFmtId=\"200\" formatCode=\"[$-804]yyyy/m/d h:mm\"/></x:numFmts><x:cellXfs><x:xf numFmtId=\"0\"/><x:xf numFmtId=\"200\"/></x:cellXfs></x:styleSheet>"},
      {"xl/worksheets/s 1.xml", "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><x:sheetData><x:row r=\"1\"><x:c r=\"A1\" t=\"inlineStr\"><x:is><x:t>企业</x:t></x:is></x:c><x:c r=\"B1\" s=\"1\"><x:v>0</x:v></x:c><x:c r=\"C1\" s=\"1\"><x:v>1.25</x:v></x:c></x:row></x:sheetData><x:mergeCells><x:mergeCell ref=\"A1:A3\"/></x:mergeCells></x:worksheet>"},
      {"xl/worksheets/s2.xml", "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><x:sheetData/><x:mergeCells count=\"1\"><x:mergeCell ref=\"B2:C2\"/></x:mergeCells></x:worksheet>"},
  });
  auto t = open_table(path);
  ASSERT_EQ(t->sheets().size(), 2u);
  EXPECT_TRUE(t->sheets()[1].hidden);
  auto s = test::read_sheet(*t, 0);
  std::vector<MergeRange> m{{1, 3, 0, 0}};
  EXPECT_EQ(t->merges(), m);
  EXPECT_EQ(s.cells.at("A1").text, "企业");
  EXPECT_EQ(s.cells.at("B1").iso, "1904-01-01");
  EXPECT_EQ(s.cells.at("C1").iso, "1904-01-02T06:00:00");
  auto empty = test::read_sheet(*t, 1);
  EXPECT_TRUE(empty.rows.empty());
  std::vector<MergeRange> m2{{2, 2, 1, 2}};
  EXPECT_EQ(t->merges(), m2);
}

}  // namespace
}  // namespace mujun::readers
