// CSV reader: a GBK file written by iconv (tests/fixtures/readers/gbk-iconv.csv), encodings,
// delimiters, RFC 4180 quoting, the formula-like flag and the errors. Expected texts are the
// inputs themselves, written below in UTF-8.
#include <gtest/gtest.h>

#include <fstream>

#include "ingest/readers/csv_reader.h"
#include "readers_test_util.h"

namespace mujun::readers {
namespace {

std::filesystem::path write_file(const test::TempDir& dir, const std::string& name, const std::string& bytes) {
  auto p = dir.path / name;
  std::ofstream(p, std::ios::binary) << bytes;
  return p;
}

TEST(ReadersCsv, GbkWrittenByIconv) {
  auto t = open_table(test::fixtures_dir() / "gbk-iconv.csv");
  EXPECT_EQ(t->format(), TableFormat::Csv);
  EXPECT_EQ(t->encoding(), "gb18030");
  EXPECT_EQ(t->delimiter(), ',');
  ASSERT_EQ(t->sheets().size(), 1u);
  EXPECT_EQ(t->sheets()[0].name, "gbk-iconv");
  auto s = test::read_sheet(*t);
  ASSERT_EQ(s.rows.size(), 3u);
  EXPECT_EQ(s.cells.at("A1").text, "企业名称");
  EXPECT_EQ(s.cells.at("C1").text, "税收（万元）");
  EXPECT_EQ(s.cells.at("A3").text, "重庆東盛材料厂");
  EXPECT_EQ(s.cells.at("B2").text, "915001100000000001");
  EXPECT_EQ(s.cells.at("C3").text, "1,234.5");  // quoted: the comma is data
  EXPECT_TRUE(t->merges().empty());
}

TEST(ReadersCsv, Utf16WithBomTabDelimited) {
  test::TempDir dir("mujun-readers-utf16");
  // Excel "Unicode 文本": UTF-16LE with BOM, tab-separated. "税收\t1\n" by hand:
  // 税 U+7A0E, 收 U+6536.
  std::string le("\xFF\xFE\x0E\x7A\x36\x65\x09\x00\x31\x00\x0A\x00", 12);
  auto t = open_table(write_file(dir, "u16.txt", le));
  EXPECT_EQ(t->encoding(), "utf-16le");
  EXPECT_EQ(t->delimiter(), '\t');
  auto s = test::read_sheet(*t);
  EXPECT_EQ(s.cells.at("A1").text, "税收");
  EXPECT_EQ(s.cells.at("B1").text, "1");
}

TEST(ReadersCsv, DelimitersDetectedAndForced) {
  test::TempDir dir("mujun-readers-delim");
  auto semi = write_file(dir, "semi.csv", "a;b;c\n1,5;2;3\n4;5;6\n");
  EXPECT_EQ(open_table(semi)->delimiter(), ';');
  auto one = write_file(dir, "one.csv", "名称\n甲\n");
  auto t = open_table(one);
  EXPECT_EQ(t->delimiter(), ',');
  EXPECT_EQ(test::read_sheet(*t).max_cols, 1u);
  ReaderOptions o;
  o.csv_delimiter = '|';
  auto forced = open_table(semi, o);
  EXPECT_EQ(forced->delimiter(), '|');
  EXPECT_EQ(test::read_sheet(*forced).cells.at("A2").text, "1,5;2;3");
}

TEST(ReadersCsv, QuotingBlankLinesAndEmptyVersusQuotedEmpty) {
  test::TempDir dir("mujun-readers-quotes");
  auto p = write_file(dir, "q.csv", "a,b,c\r\n\"x\"\"y\",,\"\"\r\n\r\n\"多\r\n行\",2,3");
  auto s = test::read_sheet(*open_table(p));
  ASSERT_EQ(s.rows.size(), 4u);
  EXPECT_EQ(s.cells.at("A2").text, "x\"y");
  EXPECT_EQ(s.rows[1].cells.at(1).kind, CellKind::Empty);  // unquoted empty: missing
  EXPECT_EQ(s.rows[1].cells.at(2).kind, CellKind::Text);   // "" : an empty text
  EXPECT_TRUE(s.rows[2].cells.empty());                    // the blank line is row 3
  EXPECT_EQ(s.rows[3].number, 4);
  EXPECT_EQ(s.cells.at("A4").text, "多\r\n行");
  EXPECT_EQ(s.cells.at("C4").text, "3");  // last record without a line end
}

TEST(ReadersCsv, FormulaLikeTextIsFlaggedNeverEvaluated) {
  test::TempDir dir("mujun-readers-formula");
  auto p = write_file(dir, "f.csv", "a,b,c,d,e,f,g\n=SUM(A1),@cmd,+A1,-12.5,-,=\"0012\",--\n");
  auto s = test::read_sheet(*open_table(p));
  EXPECT_TRUE(s.cells.at("A2").formula_like);
  EXPECT_EQ(s.cells.at("A2").text, "=SUM(A1)");
  EXPECT_TRUE(s.cells.at("B2").formula_like);
  EXPECT_TRUE(s.cells.at("C2").formula_like);
  EXPECT_FALSE(s.cells.at("D2").formula_like);  // a negative number
  EXPECT_FALSE(s.cells.at("E2").formula_like);  // "-" = no data
  EXPECT_FALSE(s.cells.at("F2").formula_like);
  EXPECT_EQ(s.cells.at("F2").text, "0012");     // Excel's ="…" text idiom unwrapped
  EXPECT_FALSE(s.cells.at("G2").formula_like);
}

TEST(ReadersCsv, TrailingFieldKeptWhenNotEveryRecordHasIt) {
  test::TempDir dir("mujun-readers-trailing");
  auto p = write_file(dir, "t.csv", "A,B,C\n1,2,\n3,4,5\n");
  auto t = open_table(p);
  auto* csv = dynamic_cast<CsvReader*>(t.get());
  ASSERT_NE(csv, nullptr);
  EXPECT_FALSE(csv->drops_trailing_field());
  auto s = test::read_sheet(*t);
  EXPECT_EQ(s.rows[1].cells.size(), 3u);  // C2 is a real (missing) value of column C
  EXPECT_EQ(s.cells.at("C3").text, "5");
}

TEST(ReadersCsv, ErrorsNameFileLineAndFix) {
  test::TempDir dir("mujun-readers-csv-errors");
  // 0xFF is neither UTF-8 nor GB18030, on line 2
  auto bad = write_file(dir, "bad.csv", "a,b\n1,\xFF\xFF\n");
  try {
    open_table(bad);
    FAIL() << "no error";
  } catch (const ReaderError& e) {
    EXPECT_EQ(e.code(), "reader.encoding");
    EXPECT_NE(std::string(e.what()).find("第 2 行"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("bad.csv"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("UTF-8"), std::string::npos);
  }
  auto open_quote = write_file(dir, "quote.csv", "a,b\n1,2\n3,\"never closed\n4,5\n");
  try {
    open_table(open_quote);
    FAIL() << "no error";
  } catch (const ReaderError& e) {
    EXPECT_EQ(e.code(), "reader.csv_quote");
    EXPECT_EQ(e.where(), "第 3 行");
  }
  ReaderOptions small;
  small.limits.max_columns = 3;
  auto wide = write_file(dir, "wide.csv", "a,b,c,d\n");
  try {
    open_table(wide, small);
    FAIL() << "no error";
  } catch (const ReaderError& e) {
    EXPECT_EQ(e.code(), "reader.too_many_columns");
  }
  small.limits.max_columns = 100;
  small.limits.max_cell_bytes = 10;
  auto longcell = write_file(dir, "long.csv", "a\n01234567890\n");
  try {
    open_table(longcell, small);
    FAIL() << "no error";
  } catch (const ReaderError& e) {
    EXPECT_EQ(e.code(), "reader.cell_too_long");
  }
  small.limits.max_cell_bytes = 100;
  small.limits.max_rows = 2;
  auto rows = write_file(dir, "rows.csv", "a\n1\n2\n");
  try {
    open_table(rows, small);
    FAIL() << "no error";
  } catch (const ReaderError& e) {
    EXPECT_EQ(e.code(), "reader.too_many_rows");
  }
  try {
    open_table(dir.path / "absent.csv");
    FAIL() << "no error";
  } catch (const ReaderError& e) {
    EXPECT_EQ(e.code(), "reader.not_found");
  }
}

TEST(ReadersCsv, LegacyAndHtmlSpreadsheetsRefused) {
  test::TempDir dir("mujun-readers-legacy");
  auto xls = write_file(dir, "old.xls", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(100, '\0'));
  auto html = write_file(dir, "export.xls", "\xEF\xBB\xBF<html><table><tr><td>1</td></tr></table></html>");
  for (const auto& p : {xls, html}) {
    try {
      open_table(p);
      FAIL() << p;
    } catch (const ReaderError& e) {
      EXPECT_EQ(e.code(), "reader.unsupported_format");
      EXPECT_NE(std::string(e.what()).find(".xlsx"), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace mujun::readers
