// Hostile and broken inputs found by the bad-input catalogue and fuzzing (issue 6,
// docs/SECURITY.md): each test pins one fix in the readers. Expected offsets and lines were
// computed with Python's own codecs (bytes.decode('utf-8') / ('gb18030'), UnicodeDecodeError.start),
// independent of mujun's decoder.
#include <gtest/gtest.h>

#include <fstream>

#include "ingest/readers/table_reader.h"
#include "readers_test_util.h"

using namespace mujun::readers;

namespace {
std::string write_file(const test::TempDir& d, const std::string& name, const std::string& bytes) {
  auto p = d.path / name;
  std::ofstream(p, std::ios::binary) << bytes;
  return p.string();
}

ReaderError open_error(const std::string& path) {
  try {
    auto t = open_table(path);
    Row r;
    while (t->next(r)) {
    }
  } catch (const ReaderError& e) {
    return e;
  }
  ADD_FAILURE() << path << " was read without an error";
  return ReaderError("", "", "", "");
}
}  // namespace

// A UTF-8 header (14 Chinese characters) with a GBK data row pasted under it. Before the fix the whole
// file decoded as GB18030 without error (Python agrees: it is valid GB18030), turning the UTF-8
// header into wrong characters; now it is refused, naming line 2. Python: UTF-8 fails at byte 63
// (44-byte header + "9150000020286320X6," = 19 bytes), line 2.
TEST(HostileInputs, MixedUtf8AndGbkIsRefusedNamingTheLine) {
  test::TempDir d("mujun-hostile-mixed");
  const std::string gbk_row = "9150000020286320X6,\xD6\xD8\xC7\xEC\xB3\xA4\xB0\xB2\n";  // 重庆长安 in GBK
  auto f = write_file(d, "mixed.csv", "统一社会信用代码,单位详细名称\n" + gbk_row);
  auto e = open_error(f);
  EXPECT_EQ(e.code(), "reader.encoding");
  EXPECT_EQ(e.where(), "第 2 行");
  EXPECT_NE(std::string(e.what()).find("第 2 行（字节偏移 63）"), std::string::npos) << e.what();
  EXPECT_NE(std::string(e.what()).find("混用了编码"), std::string::npos) << e.what();
}

// A real GBK file still reads as GB18030 (its first bytes look like UTF-8 for fewer than 8 characters).
TEST(HostileInputs, PlainGbkStillDecodes) {
  test::TempDir d("mujun-hostile-gbk");
  // "统一社会信用代码,名称\n9150000020286320X6,重庆长安\n" in GBK (Python .encode('gbk')).
  const std::string gbk = "\xCD\xB3\xD2\xBB\xC9\xE7\xBB\xE1\xD0\xC5\xD3\xC3\xB4\xFA\xC2\xEB,\xC3\xFB\xB3\xC6\n"
                          "9150000020286320X6,\xD6\xD8\xC7\xEC\xB3\xA4\xB0\xB2\n";
  auto t = open_table(write_file(d, "gbk.csv", gbk));
  EXPECT_EQ(t->encoding(), "gb18030");
  Row r;
  ASSERT_TRUE(t->next(r));
  EXPECT_EQ(r.at(0).text, "统一社会信用代码");
  ASSERT_TRUE(t->next(r));
  EXPECT_EQ(r.at(1).text, "重庆长安");
}

// Neither UTF-8 nor GB18030, no Chinese before the bad byte: both failures are named. "a,b\n1," is
// 6 bytes, so 0xFF is at offset 6 on line 2 for both decoders (Python: start = 6 for each).
TEST(HostileInputs, UndecodableBytesNameBothDecoders) {
  test::TempDir d("mujun-hostile-bytes");
  auto e = open_error(write_file(d, "bad.csv", "a,b\n1,\xFF\xFF\n"));
  EXPECT_EQ(e.code(), "reader.encoding");
  EXPECT_EQ(e.where(), "第 2 行");
  const std::string m = e.what();
  EXPECT_NE(m.find("按 UTF-8 解码在第 2 行（字节偏移 6）"), std::string::npos) << m;
  EXPECT_NE(m.find("按 GB18030 解码在第 2 行（字节偏移 6）"), std::string::npos) << m;
}

// UTF-16LE with an odd number of bytes: the dangling byte is the file's last (BOM 2 + "a,b\n" 8 +
// 1 = 11 bytes → offset 10); before the fix the message said offset 0.
TEST(HostileInputs, TruncatedUtf16NamesTheLastByte) {
  test::TempDir d("mujun-hostile-utf16");
  const std::string bytes("\xFF\xFE" "a\0,\0b\0\n\0" "A", 11);
  auto e = open_error(write_file(d, "odd.csv", bytes));
  EXPECT_EQ(e.code(), "reader.encoding");
  EXPECT_NE(std::string(e.what()).find("字节偏移 10"), std::string::npos) << e.what();
}

// An XLSX row number past the 10,000,000-row limit (Excel stops at 1,048,576) is refused; a
// 20-digit one used to make the next row's number overflow a long.
TEST(HostileInputs, RowNumberPastTheLimitIsRefused) {
  test::TempDir d("mujun-hostile-rows");
  for (const char* r : {"10000001", "99999999999999999999"}) {
    auto p = d.path / "far.xlsx";
    test::write_xlsx(p, std::string("<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"") + r +
                            "\"><c><v>2</v></c></row><row><c><v>3</v></c></row></sheetData>");
    auto e = open_error(p.string());
    EXPECT_EQ(e.code(), "reader.too_many_rows") << r;
  }
  // The last allowed row number still reads.
  auto p = d.path / "edge.xlsx";
  test::write_xlsx(p, "<sheetData><row r=\"10000000\"><c r=\"A10000000\"><v>7</v></c></row></sheetData>");
  auto t = open_table(p);
  Row row;
  ASSERT_TRUE(t->next(row));
  EXPECT_EQ(row.number, 10'000'000);
}

// Found by fuzzing (tests/fuzz/regressions/csv-utf8-bom-then-invalid-bytes): after a UTF-8 BOM the
// bytes were never validated, so invalid UTF-8 reached cell texts and the database. BOM 3 + "a,b\n1," 6
// → the 0xFF is at file offset 9, line 2.
TEST(HostileInputs, Utf8BomDoesNotExemptFromValidation) {
  test::TempDir d("mujun-hostile-bom");
  auto e = open_error(write_file(d, "bom.csv", "\xEF\xBB\xBF" "a,b\n1,\xFF\n"));
  EXPECT_EQ(e.code(), "reader.encoding");
  EXPECT_EQ(e.where(), "第 2 行");
  EXPECT_NE(std::string(e.what()).find("UTF-8 BOM 开头（声明为 UTF-8），但第 2 行（字节偏移 9）"), std::string::npos) << e.what();
  // A valid BOM file still reads, BOM stripped.
  auto t = open_table(write_file(d, "ok.csv", "\xEF\xBB\xBF" "名称,值\n长安,1\n"));
  EXPECT_EQ(t->encoding(), "utf-8-bom");
  Row r;
  ASSERT_TRUE(t->next(r));
  EXPECT_EQ(r.at(0).text, "名称");
}
