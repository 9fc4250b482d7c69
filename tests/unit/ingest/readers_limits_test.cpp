// The XLSX reader's limits and damaged-input errors: each hostile or broken input is refused
// with its own code and a message that names the file and says what to do.
#include <gtest/gtest.h>

#include <fstream>

#include "readers_test_util.h"

namespace mujun::readers {
namespace {

std::string code_of(const std::filesystem::path& p, const ReaderOptions& o = {}) {
  try {
    auto t = open_table(p, o);
    test::read_sheet(*t);
  } catch (const ReaderError& e) {
    EXPECT_NE(std::string(e.what()).find(p.string()), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(" / "), std::string::npos) << "Chinese / English: " << e.what();
    return e.code();
  }
  return "no error";
}

const std::string kRow = "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>企业</t></is></c></row></sheetData>";

TEST(ReadersLimits, ZipBombRatioAndTotalSize) {
  test::TempDir dir("mujun-readers-bomb");
  auto bomb = dir.path / "bomb.xlsx";
  // 16 MiB of spaces inside <sheetData> deflate about 1000:1 (the limit is 200:1 above 1 MiB).
  test::write_xlsx(bomb, "<sheetData>" + std::string(16u << 20, ' ') + "</sheetData>");
  EXPECT_EQ(code_of(bomb), "reader.zip_bomb");

  auto ok = dir.path / "ok.xlsx";
  test::write_xlsx(ok, kRow);
  EXPECT_EQ(code_of(ok), "no error");
  ReaderOptions tight;
  tight.limits.max_uncompressed_bytes = 600;  // less than the package's parts together
  EXPECT_EQ(code_of(ok, tight), "reader.too_large");
}

TEST(ReadersLimits, DoctypeEntitiesRefused) {
  test::TempDir dir("mujun-readers-xml");
  const std::string laughs =
      "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>";
  auto p = dir.path / "laughs.xlsx";
  test::write_zip(p, {{"xl/workbook.xml", laughs + "<workbook><sheets><sheet name=\"&b;\"/></sheets></workbook>"}});
  EXPECT_EQ(code_of(p), "reader.xml_entity");
  auto xxe = dir.path / "xxe.xlsx";
  test::write_xlsx(xxe, kRow, "<si><t>&x;</t></si>");
  // replace the shared strings with an external entity
  test::write_zip(xxe, {{"xl/workbook.xml", "<workbook xmlns:r=\"r\"><sheets><sheet name=\"S\" r:id=\"rId1\"/></sheets></workbook>"},
                        {"xl/_rels/workbook.xml.rels", "<Relationships><Relationship Id=\"rId1\" Type=\"x/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"x/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"},
                        {"xl/worksheets/sheet1.xml", "<worksheet>" + kRow + "</worksheet>"},
                        {"xl/sharedStrings.xml", "<!DOCTYPE sst [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><sst><si><t>&x;</t></si></sst>"}});
  EXPECT_EQ(code_of(xxe), "reader.xml_entity");
}

TEST(ReadersLimits, MalformedXmlAndInvalidUtf8) {
  test::TempDir dir("mujun-readers-malformed");
  auto p = dir.path / "utf8.xlsx";
  test::write_xlsx(p, "<sheetData><row><c t=\"inlineStr\"><is><t>\xC3\x28</t></is></c></row></sheetData>");
  EXPECT_EQ(code_of(p), "reader.xml");
  auto q = dir.path / "unclosed.xlsx";
  test::write_xlsx(q, "<sheetData><row><c><v>1</v></row></sheetData>");
  EXPECT_EQ(code_of(q), "reader.xml");
  auto r = dir.path / "notnum.xlsx";
  test::write_xlsx(r, "<sheetData><row><c><v>12abc</v></c></row></sheetData>");
  EXPECT_EQ(code_of(r), "reader.xml");
  auto s = dir.path / "sst.xlsx";
  test::write_xlsx(s, "<sheetData><row><c t=\"s\"><v>5</v></c></row></sheetData>", "<si><t>only one</t></si>");
  EXPECT_EQ(code_of(s), "reader.package");
}

TEST(ReadersLimits, CellsColumnsRowsSheets) {
  test::TempDir dir("mujun-readers-sizes");
  ReaderOptions o;
  o.limits.max_cell_bytes = 8;
  auto p = dir.path / "long.xlsx";
  test::write_xlsx(p, "<sheetData><row><c t=\"inlineStr\"><is><t>0123456789</t></is></c></row></sheetData>");
  EXPECT_EQ(code_of(p, o), "reader.cell_too_long");
  auto q = dir.path / "sstlong.xlsx";
  test::write_xlsx(q, "<sheetData/>", "<si><t>0123456789</t></si>");
  EXPECT_EQ(code_of(q, o), "reader.cell_too_long");

  auto w = dir.path / "wide.xlsx";
  test::write_xlsx(w, "<sheetData><row><c r=\"XFE1\"><v>1</v></c></row></sheetData>");  // one past XFD
  EXPECT_EQ(code_of(w), "reader.too_many_columns");

  ReaderOptions rows;
  rows.limits.max_rows = 2;
  auto r = dir.path / "rows.xlsx";
  test::write_xlsx(r, "<sheetData><row/><row/><row/></sheetData>");
  EXPECT_EQ(code_of(r, rows), "reader.too_many_rows");

  ReaderOptions sheets;
  sheets.limits.max_sheets = 1;
  EXPECT_EQ(code_of(test::fixtures_dir() / "lo-two-sheets.xlsx", sheets), "reader.too_many_sheets");
}

TEST(ReadersLimits, DamagedArchives) {
  test::TempDir dir("mujun-readers-zip");
  // truncated: the first half of a real workbook (the central directory is lost)
  std::ifstream in(test::fixtures_dir() / "lo-two-sheets.xlsx", std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  auto cut = dir.path / "cut.xlsx";
  std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  EXPECT_EQ(code_of(cut), "reader.zip");
  // a zip without a workbook (e.g. a .docx)
  auto docx = dir.path / "doc.xlsx";
  test::write_zip(docx, {{"word/document.xml", "<w:document/>"}});
  EXPECT_EQ(code_of(docx), "reader.package");
  // two entries naming the same part once "\" is read as "/"
  auto dup = dir.path / "dup.xlsx";
  test::write_zip(dup, {{"xl/workbook.xml", "<workbook/>"}, {"xl\\workbook.xml", "<workbook/>"}});
  EXPECT_EQ(code_of(dup), "reader.zip");
  // a corrupted byte inside the compressed sheet data: CRC or inflate error, never silence
  std::string flipped = bytes;
  auto pos = flipped.find("xl/worksheets/sheet1.xml");
  ASSERT_NE(pos, std::string::npos);
  for (std::size_t i = pos + 40; i < pos + 240 && i < flipped.size(); ++i) flipped[i] = static_cast<char>(flipped[i] ^ 0x5A);
  auto bad = dir.path / "flipped.xlsx";
  std::ofstream(bad, std::ios::binary) << flipped;
  std::string code = code_of(bad);
  EXPECT_TRUE(code == "reader.zip" || code == "reader.xml") << code;
}

}  // namespace
}  // namespace mujun::readers
