// Pieces of the readers checked against published values: Excel serials (ECMA-376 Part 1
// §18.17.4.1: serial 1 = 1900-01-01, 60 = the fictitious 1900-02-29, 61 = 1900-03-01; 1904 system
// serial 0 = 1904-01-01; 45292 = 2024-01-01 as Excel shows it), built-in number format ids
// (§18.8.30), A1 references, ST_Xstring escapes (§22.9.2.19), UTF-8 validation (RFC 3629 §4), and
// header detection.
#include <gtest/gtest.h>

#include "ingest/readers/cell.h"
#include "ingest/readers/excel_date.h"
#include "ingest/readers/header.h"
#include "ingest/readers/ooxml_text.h"
#include "ingest/readers/text_encoding.h"
#include "ingest/readers/workbook.h"

namespace mujun::readers {
namespace {

TEST(ReadersUnits, ExcelSerials) {
  EXPECT_EQ(serial_to_iso(1, false, false), "1900-01-01");
  EXPECT_EQ(serial_to_iso(59, false, false), "1900-02-28");
  EXPECT_EQ(serial_to_iso(60, false, false), "1900-02-29");
  EXPECT_EQ(serial_to_iso(61, false, false), "1900-03-01");
  EXPECT_EQ(serial_to_iso(45292, false, false), "2024-01-01");
  EXPECT_EQ(serial_to_iso(45292.75, false, false), "2024-01-01T18:00:00");
  EXPECT_EQ(serial_to_iso(0, true, false), "1904-01-01");
  EXPECT_EQ(serial_to_iso(43830 - 1462, true, false), "2019-12-31");
  EXPECT_EQ(serial_to_iso(0.25, false, true), "06:00:00");
  EXPECT_EQ(serial_to_iso(2958465, false, false), "9999-12-31");
  EXPECT_EQ(serial_to_iso(2958466, false, false), std::nullopt);
  EXPECT_EQ(serial_to_iso(-1, false, false), std::nullopt);
  EXPECT_EQ(iso_to_serial("2024-01-01", false), 45292.0);
  EXPECT_EQ(iso_to_serial("1900-01-01", false), 1.0);
  EXPECT_EQ(iso_to_serial("1900-03-01", false), 61.0);
  EXPECT_EQ(iso_to_serial("1904-01-02", true), 1.0);
  EXPECT_EQ(iso_to_serial("2024-13-01", false), std::nullopt);
  EXPECT_EQ(iso_to_serial("2024-01-01x", false), std::nullopt);
}

TEST(ReadersUnits, NumberFormatClasses) {
  EXPECT_EQ(builtin_format_class(14), FormatClass::Date);
  EXPECT_EQ(builtin_format_class(22), FormatClass::DateTime);
  EXPECT_EQ(builtin_format_class(20), FormatClass::Time);
  EXPECT_EQ(builtin_format_class(31), FormatClass::Date);  // zh-CN yyyy"年"m"月"d"日"
  EXPECT_EQ(builtin_format_class(58), FormatClass::Date);
  EXPECT_EQ(builtin_format_class(4), FormatClass::Number);
  EXPECT_EQ(builtin_format_class(49), FormatClass::Number);  // "@" text
  EXPECT_EQ(custom_format_class("yyyy\"年\"m\"月\"d\"日\""), FormatClass::Date);
  EXPECT_EQ(custom_format_class("[$-F800]dddd, mmmm dd, yyyy"), FormatClass::Date);
  EXPECT_EQ(custom_format_class("h:mm"), FormatClass::Time);
  EXPECT_EQ(custom_format_class("[h]:mm:ss"), FormatClass::Time);
  EXPECT_EQ(custom_format_class("yyyy-mm-dd hh:mm"), FormatClass::DateTime);
  EXPECT_EQ(custom_format_class("General"), FormatClass::Number);
  EXPECT_EQ(custom_format_class("#,##0.00_);[Red](#,##0.00)"), FormatClass::Number);
  EXPECT_EQ(custom_format_class("0.00\"万元\""), FormatClass::Number);
  EXPECT_EQ(custom_format_class("0.00E+00"), FormatClass::Number);
  EXPECT_EQ(custom_format_class("\"TRUE\";\"TRUE\";\"FALSE\""), FormatClass::Number);
}

TEST(ReadersUnits, CellReferencesAndTargets) {
  EXPECT_EQ(column_letters(0), "A");
  EXPECT_EQ(column_letters(25), "Z");
  EXPECT_EQ(column_letters(26), "AA");
  EXPECT_EQ(column_letters(16383), "XFD");
  int c = -1;
  long r = -1;
  EXPECT_TRUE(parse_cell_ref("$B$12", c, r));
  EXPECT_EQ(c, 1);
  EXPECT_EQ(r, 12);
  EXPECT_TRUE(parse_cell_ref("XFD1048576", c, r));
  EXPECT_EQ(c, 16383);
  EXPECT_EQ(r, 1048576);
  EXPECT_FALSE(parse_cell_ref("12", c, r));
  EXPECT_FALSE(parse_cell_ref("ABCD1", c, r));
  EXPECT_EQ(resolve_target("xl/workbook.xml", "worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml");
  EXPECT_EQ(resolve_target("xl/workbook.xml", "/xl/sharedStrings.xml"), "xl/sharedstrings.xml");
  EXPECT_EQ(resolve_target("xl/workbook.xml", "../customXml/item1.xml"), "customxml/item1.xml");
  EXPECT_EQ(resolve_target("xl/workbook.xml", "worksheets/s%201.xml"), "xl/worksheets/s 1.xml");
}

TEST(ReadersUnits, XstringEscapesAndUtf8) {
  EXPECT_EQ(decode_xstring("a_x000D_b"), "a\rb");
  EXPECT_EQ(decode_xstring("_x005F_x000D_"), "_x000D_");
  EXPECT_EQ(decode_xstring("_x4E07_"), "万");
  EXPECT_EQ(decode_xstring("_xD800_"), "_xD800_");  // a lone surrogate is no character
  EXPECT_EQ(decode_xstring("_x12_"), "_x12_");
  Utf8Validator v;
  EXPECT_TRUE(v.feed("万盛\xE7\xBB"));  // a sequence cut between chunks …
  EXPECT_FALSE(v.finish());
  EXPECT_TRUE(v.feed("\x8F"));          // … completed by the next one
  EXPECT_TRUE(v.finish());
  for (const char* bad : {"\xC0\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xFF"}) {
    Utf8Validator w;
    EXPECT_FALSE(w.feed(bad)) << bad;
  }
  Utf8Converter gb("GB18030");
  std::string out;
  EXPECT_TRUE(gb.convert("\x82\x30\x82\x35", out));  // U+34B2, 4-byte GB18030 (case 06b)
  EXPECT_EQ(out, "\xE3\x92\xB2");
}

Cell text(const char* t) {
  Cell c;
  c.kind = CellKind::Text;
  c.text = t;
  return c;
}
Cell num(double v) {
  Cell c;
  c.kind = CellKind::Number;
  c.number = v;
  c.text = std::to_string(v);
  return c;
}

int known(std::string_view l) {
  return l == "企业名称" || l == "税收（万元）" || l == "用地面积（亩）" ? 1 : 0;
}

TEST(ReadersHeader, TitleRowMergedAcrossIsNotPartOfTheHeader) {
  std::vector<Row> rows{{1, {text("万盛经开区2024年亩均效益评价数据")}},
                        {2, {text("企业名称"), text("税收（万元）"), text("用地面积（亩）")}},
                        {3, {text("甲公司"), num(300), num(20)}}};
  std::vector<MergeRange> merges{{1, 1, 0, 2}};
  auto h = detect_header(rows, merges, known);
  EXPECT_EQ(h.first_row, 2);
  EXPECT_EQ(h.last_row, 2);
  std::vector<std::string> want{"企业名称", "税收（万元）", "用地面积（亩）"};
  EXPECT_EQ(h.labels, want);
  EXPECT_EQ(h.known_columns, 3);
}

TEST(ReadersHeader, FallbackFindsGroupedLabelsWithoutKnownOnes) {
  // case 19's shape with a callback that knows nothing: the text rule picks row 1 and the
  // group merge B1:D1 pulls in row 2.
  std::vector<Row> rows{{1, {text("企业名称"), text("2024年")}},
                        {2, {Cell{}, text("产值"), text("税收"), text("用地")}},
                        {3, {text("甲公司"), num(5000), num(300), num(20)}},
                        {4, {text("乙公司"), num(800), Cell{}, num(5)}}};
  std::vector<MergeRange> merges{{1, 2, 0, 0}, {1, 1, 1, 3}};
  auto h = detect_header(rows, merges, [](std::string_view) { return 0; });
  EXPECT_TRUE(h.fallback);
  EXPECT_EQ(h.first_row, 1);
  EXPECT_EQ(h.last_row, 2);
  std::vector<std::string> want{"企业名称", "2024年/产值", "2024年/税收", "2024年/用地"};
  EXPECT_EQ(h.labels, want);
  EXPECT_EQ(h.known_columns, 0);
}

TEST(ReadersHeader, NoHeaderInNumbersOnly) {
  std::vector<Row> rows{{1, {num(1), num(2)}}, {2, {num(3), num(4)}}};
  auto h = detect_header(rows, {}, known);
  EXPECT_EQ(h.first_row, 0);
  EXPECT_TRUE(h.labels.empty());
}

TEST(ReadersHeader, LabelsTrimmedAndHeaderFoundBelowNotes) {
  std::vector<Row> rows{{1, {text("填报单位：万盛经开区经发局"), Cell{}, text("单位：万元")}},
                        {3, {text("\xE3\x80\x80企业名称 "), text("税收（万元）")}},
                        {4, {text("甲"), num(1)}}};
  auto h = detect_header(rows, {}, known);
  EXPECT_EQ(h.first_row, 3);
  std::vector<std::string> want{"企业名称", "税收（万元）"};
  EXPECT_EQ(h.labels, want);
}

}  // namespace
}  // namespace mujun::readers
