// SheetScanner (src/ingest/readers/sheet_scanner.h), the worksheet tokenizer that replaced expat
// for sheet parts. Every check runs the same part through the scanner fed in chunks of 1, 2, 3, 5,
// 7, 11, 13, 17, 64, 4096 bytes and in one piece (tokens split at every possible boundary), and
// through expat (XmlStream, the tokenizer used before): rows must be identical. Expected values
// are written by hand from the XML in each test (XML 1.0 §2.11 line ends, §3.3.3 attribute
// normalisation, §4.1 references; ECMA-376 Part 1 §18.3.1.4 cells).
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <optional>

#include "ingest/readers/sheet_scanner.h"
#include "ingest/readers/workbook.h"
#include "ingest/readers/zip_archive.h"
#include "readers_test_util.h"

namespace mujun::readers {
namespace {

struct Result {
  std::vector<Row> rows;
  std::string code;  // "" = read to the end
};

const std::vector<std::string> kSst = {"共享0", "shared1"};
const std::vector<FormatClass> kFormats = {FormatClass::Number, FormatClass::Date};

SheetContext context(const std::vector<std::string>* sst = &kSst,
                     const std::vector<FormatClass>* fmts = &kFormats, ReaderLimits limits = {}) {
  return SheetContext{"t.xlsx", "S", "xl/worksheets/sheet1.xml", sst, fmts, false, limits};
}

void drain(SheetRowHandler& h, Result& r) {
  while (!h.ready.empty()) {
    r.rows.push_back(std::move(h.ready.front()));
    h.ready.pop_front();
  }
}

Result by_scanner(std::string_view xml, std::size_t chunk, SheetContext ctx = context()) {
  Result r;
  SheetRowHandler h(std::move(ctx));
  SheetScanner s(h, "t.xlsx", "xl/worksheets/sheet1.xml");
  try {
    for (std::size_t i = 0; i < xml.size(); i += chunk) {
      s.feed(xml.data() + i, std::min(chunk, xml.size() - i), false);
      drain(h, r);
    }
    s.feed(nullptr, 0, true);
    drain(h, r);
  } catch (const ReaderError& e) {
    r.code = e.code();
  }
  return r;
}

Result by_expat(std::string_view xml, SheetContext ctx = context()) {
  Result r;
  SheetRowHandler h(std::move(ctx));
  XmlStream x(h, "t.xlsx", "xl/worksheets/sheet1.xml");
  try {
    x.feed(xml.data(), xml.size(), true);
    drain(h, r);
  } catch (const ReaderError& e) {
    r.code = e.code();
  }
  return r;
}

::testing::AssertionResult same_rows(const std::vector<Row>& a, const std::vector<Row>& b) {
  if (a.size() != b.size())
    return ::testing::AssertionFailure() << a.size() << " rows vs " << b.size();
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].number != b[i].number) return ::testing::AssertionFailure() << "row number at " << i;
    if (a[i].cells.size() != b[i].cells.size())
      return ::testing::AssertionFailure() << "row " << a[i].number << ": " << a[i].cells.size() << " vs "
                                           << b[i].cells.size() << " cells";
    for (std::size_t c = 0; c < a[i].cells.size(); ++c) {
      const Cell &x = a[i].cells[c], &y = b[i].cells[c];
      if (x.kind != y.kind || x.text != y.text || x.iso != y.iso || x.has_formula != y.has_formula ||
          std::memcmp(&x.number, &y.number, sizeof x.number) != 0)
        return ::testing::AssertionFailure() << "row " << a[i].number << " col " << c << ": \"" << x.text
                                             << "\" vs \"" << y.text << "\"";
    }
  }
  return ::testing::AssertionSuccess();
}

const std::size_t kChunks[] = {1, 2, 3, 5, 7, 11, 13, 17, 64, 4096, 1u << 30};

/// Reads `xml` with the scanner at every chunk size and with expat; all must agree. Returns the
/// scanner's result (one piece).
Result read_everywhere(std::string_view xml, SheetContext ctx = context()) {
  Result whole = by_scanner(xml, 1u << 30, ctx);
  for (std::size_t c : kChunks) {
    Result r = by_scanner(xml, c, ctx);
    EXPECT_EQ(r.code, whole.code) << "chunk " << c;
    // after an error, how many rows came before it depends on the chunks
    if (whole.code.empty()) {
      EXPECT_TRUE(same_rows(r.rows, whole.rows)) << "chunk " << c;
    }
  }
  Result x = by_expat(xml, ctx);
  EXPECT_EQ(x.code, whole.code) << "expat";
  if (whole.code.empty()) {
    EXPECT_TRUE(same_rows(x.rows, whole.rows)) << "expat";
  }
  return whole;
}

std::string sheet(std::string_view rows) {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
                     "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                     "<sheetData>") +
         std::string(rows) + "</sheetData></worksheet>";
}

TEST(SheetScanner, EveryCellTypeAtEveryChunkBoundary) {
  const std::string xml = sheet(
      "<row r=\"1\" spans=\"1:9\">"
      "<c r=\"A1\" t=\"s\"><v>0</v></c>"
      "<c r='B1' t='inlineStr'><is><t xml:space=\"preserve\"> a&amp;b &lt;c&gt; </t></is></c>"
      "<c t=\"n\" r=\"C1\" s=\"1\"><v>45306</v></c>"  // style 1 is a date format: 2024-01-15
      "<c r=\"D1\" t=\"b\"><v>1</v></c>"
      "<c r=\"E1\" t=\"e\"><v>#DIV/0!</v></c>"
      "<c r=\"F1\" t=\"str\"><f>A1&amp;\"x\"</f><v>共享0x</v></c>"
      "<c r=\"G1\"><f>SUM(A1:B1)</f></c>"  // formula without cached value
      "<c r=\"H1\"><v>-1.5E3</v></c>"
      "<c r=\"I1\" t=\"d\"><v>2024-02-29</v></c>"
      "</row>\r\n"
      "<row><c><v>7</v></c><c t=\"s\"><v>1</v></c></row>"  // no r: row 2, columns A and B
      "<row r=\"5\"><c r=\"C5\"/><c r=\"D5\" t=\"inlineStr\"/></row>");  // nothing to place
  Result r = read_everywhere(xml);
  ASSERT_EQ(r.code, "");
  ASSERT_EQ(r.rows.size(), 3u);
  const auto& a = r.rows[0].cells;
  ASSERT_EQ(a.size(), 9u);
  EXPECT_EQ(a[0].text, "共享0");
  EXPECT_EQ(a[1].text, " a&b <c> ");
  EXPECT_EQ(a[2].kind, CellKind::Date);
  EXPECT_EQ(a[2].iso, "2024-01-15");
  EXPECT_EQ(a[3].kind, CellKind::Bool);
  EXPECT_EQ(a[3].number, 1);
  EXPECT_EQ(a[4].kind, CellKind::Error);
  EXPECT_EQ(a[4].text, "#DIV/0!");
  EXPECT_EQ(a[5].kind, CellKind::Text);
  EXPECT_EQ(a[5].text, "共享0x");
  EXPECT_TRUE(a[5].has_formula);
  EXPECT_EQ(a[6].kind, CellKind::FormulaNoValue);
  EXPECT_EQ(a[6].text, "SUM(A1:B1)");
  EXPECT_EQ(a[7].number, -1500);
  EXPECT_EQ(a[8].kind, CellKind::Date);
  EXPECT_EQ(a[8].iso, "2024-02-29");
  EXPECT_EQ(r.rows[1].number, 2);
  ASSERT_EQ(r.rows[1].cells.size(), 2u);
  EXPECT_EQ(r.rows[1].cells[0].number, 7);
  EXPECT_EQ(r.rows[1].cells[1].text, "shared1");
  EXPECT_EQ(r.rows[2].number, 5);
  EXPECT_TRUE(r.rows[2].cells.empty());
}

TEST(SheetScanner, ReferencesLineEndsAndCdata) {
  // &#x4E2D; = 中, &#20013; = 中, &#x1F600; = U+1F600 (4 bytes in UTF-8), &#13; stays a CR while a
  // raw CR LF or lone CR becomes LF; in an attribute a raw TAB/LF becomes a space.
  const std::string xml = sheet(
      "<row r=\"1\">"
      "<c r=\"A1\" t=\"inlineStr\"><is><t>&#x4E2D;&#20013;&#x1F600;&quot;&apos;</t></is></c>"
      "<c r=\"B1\" t=\"inlineStr\"><is><t>a\r\nb\rc&#13;d\ne</t></is></c>"
      "<c r=\"C1\" t=\"inlineStr\"><is><t><![CDATA[<x> & ]] \r\n]]></t></is></c>"
      "<c r=\"D1\" t=\"str\"><v>tab\there</v></c>"
      "<c r=\"E1\"\n\tt = 'e' ><v>#N/A</v></c>"
      "</row>");
  Result r = read_everywhere(xml);
  ASSERT_EQ(r.code, "");
  ASSERT_EQ(r.rows.size(), 1u);
  const auto& a = r.rows[0].cells;
  ASSERT_EQ(a.size(), 5u);
  EXPECT_EQ(a[0].text, "中中\xF0\x9F\x98\x80\"'");
  EXPECT_EQ(a[1].text, "a\nb\nc\rd\ne");
  EXPECT_EQ(a[2].text, "<x> & ]] \n");
  EXPECT_EQ(a[3].text, "tab\there");
  EXPECT_EQ(a[4].kind, CellKind::Error);
}

TEST(SheetScanner, NamespacePrefixesRichTextAndPhonetic) {
  // Some writers prefix every element (x:); rich-text runs concatenate, <rPh> (phonetic) is dropped
  // (cases 09-rich-text and 01-phonetic-runs of ../shared/cases/readers).
  const std::string xml =
      "\xEF\xBB\xBF<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
      "<!-- a comment -->\n<?mso-application progid=\"Excel.Sheet\"?>"
      "<x:sheetData><x:row x:r=\"3\"><x:c x:r=\"B3\" x:t=\"inlineStr\"><x:is>"
      "<x:r><x:rPr><x:b/></x:rPr><x:t>亩均</x:t></x:r><x:r><x:t xml:space=\"preserve\"> 税收</x:t></x:r>"
      "<x:rPh sb=\"0\" eb=\"2\"><x:t>mu jun</x:t></x:rPh></x:is></x:c></x:row></x:sheetData>"
      "<x:mergeCells count=\"1\"><x:mergeCell ref=\"A1:B1\"/></x:mergeCells></x:worksheet>\n";
  Result r = read_everywhere(xml);
  ASSERT_EQ(r.code, "");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].number, 3);
  ASSERT_EQ(r.rows[0].cells.size(), 2u);
  EXPECT_EQ(r.rows[0].cells[1].text, "亩均 税收");
}

TEST(SheetScanner, MalformedXmlIsRefusedAtEveryChunkSize) {
  const char* bad[] = {
      "<row r=\"1\"><c r=\"A1\"><v>1</v></c>",           // unclosed row (sheetData closes it)
      "<row r=\"1\"><c r=\"A1\"><v>1</c></row>",          // mismatched end tag
      "<row r=\"1<2\"></row>",                            // '<' in an attribute value
      "<row r=1></row>",                                   // unquoted value
      "<row r=\"1\" r=\"2\"></row>",                      // duplicate attribute
      "<row r=\"1\"s=\"2\"></row>",                       // no space between attributes
      "<row r=\"1\"><c><v>&nbsp;</v></c></row>",          // undefined entity
      "<row r=\"1\"><c><v>&#0;</v></c></row>",            // not an XML character
      "<row r=\"1\"><c><v>&#xD800;</v></c></row>",        // a surrogate
      "<row r=\"1\"><c><v>a & b</v></c></row>",           // bare '&'
      "<row r=\"1\"><c><v>\xC3\x28</v></c></row>",        // invalid UTF-8
      "<row r=\"1\"><c><v>\xC0\xAF</v></c></row>",        // overlong UTF-8
      "<row r=\"1\"><c><v>\x01</v></c></row>",            // control character
      "<row r=\"1\"><c><v>a]]>b</v></c></row>",           // "]]>" in text
      "<row r=\"1\"><!-- a -- b --></row>",                // "--" in a comment
      "<row r=\"1\"><?xml version=\"1.0\"?></row>",        // declaration not at the start
      "<row r=\"1\"><1c/></row>",                          // '<' not followed by a name
      "<row r=\"1\"><c/ ></row>",                          // '/' not followed by '>'
  };
  for (const char* b : bad) {
    std::string xml = sheet(b);
    Result x = by_expat(xml);
    ASSERT_EQ(x.code, "reader.xml") << "expat accepts " << b;
    for (std::size_t c : kChunks) EXPECT_EQ(by_scanner(xml, c).code, "reader.xml") << b << " chunk " << c;
  }
  // structure of the document: truncated, text outside the root, two roots, nothing at all
  for (std::string xml : {sheet("<row r=\"1\">").substr(0, 150), std::string("x<worksheet/>"),
                          std::string("<worksheet/><worksheet/>"), std::string(""), std::string("  \n"),
                          std::string("<worksheet><sheetData></worksheet>"), std::string("<worksheet")}) {
    EXPECT_EQ(by_expat(xml).code, "reader.xml") << xml;
    for (std::size_t c : kChunks) EXPECT_EQ(by_scanner(xml, c).code, "reader.xml") << xml << " chunk " << c;
  }
}

TEST(SheetScanner, DoctypeIsRefusedAsEntityDeclaration) {
  std::string xml = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">]><worksheet/>";
  EXPECT_EQ(by_expat(xml).code, "reader.xml_entity");
  for (std::size_t c : kChunks) EXPECT_EQ(by_scanner(xml, c).code, "reader.xml_entity") << c;
}

// The XML declaration as expat 2.5 reads it (xmltok.c parsePseudoAttribute): values are
// [A-Za-z0-9._-]*, so version="" is accepted (fuzz finding regressions/sheet_diff-empty-xml-version)
// and version="1:0" is not; encoding must start with a letter; standalone is yes or no.
TEST(SheetScanner, XmlDeclarationAsExpat) {
  for (std::string decl : {"<?xml version=\"\"?>", "<?xml version='1.0' ?>", "<?xml version=\"1.0\" standalone='no'?>",
                           "<?xml version = \"1\"\tencoding=\"utf-8\"?>"}) {
    std::string xml = decl + "<w/>";
    EXPECT_EQ(by_expat(xml).code, "") << xml;
    for (std::size_t c : kChunks) EXPECT_EQ(by_scanner(xml, c).code, "") << xml << " chunk " << c;
  }
  for (std::string decl : {"<?xml version=\"1:0\"?>", "<?xml version=\"1.0\" encoding=\"\"?>",
                           "<?xml version=\"1.0\"encoding=\"utf-8\"?>", "<?xml version=\"1.0\" standalone=\"\"?>",
                           "<?xml encoding=\"utf-8\"?>"}) {
    std::string xml = decl + "<w/>";
    EXPECT_EQ(by_expat(xml).code, "reader.xml") << xml;
    for (std::size_t c : kChunks) EXPECT_EQ(by_scanner(xml, c).code, "reader.xml") << xml << " chunk " << c;
  }
}

// A DOCTYPE is expat's to judge (sheet_scanner.h): "reader.xml_entity" once its header is read
// up to '[' or '>' (XML 1.0 §2.8 doctypedecl), "reader.xml" when the header is malformed first —
// the fuzz finding tests/fuzz/regressions/sheet_diff-doctype-malformed ("<!DOCTYPE" then a NUL).
TEST(SheetScanner, DoctypeVerdictIsExpats) {
  for (std::string xml : {std::string("<!DOCTYPE a><worksheet/>"), std::string("<!DOCTYPE a SYSTEM \"x>y\"><w/>"),
                          std::string("<!DOCTYPE a PUBLIC \"p\" \"s\" [<!ENTITY e \"1\">]><w/>")}) {
    EXPECT_EQ(by_expat(xml).code, "reader.xml_entity") << xml;
    for (std::size_t c : kChunks) EXPECT_EQ(by_scanner(xml, c).code, "reader.xml_entity") << xml << " chunk " << c;
  }
  for (std::string xml : {std::string("<!DOCTYPE\0a><w/>", 17), std::string("<!DOCTYPEa><w/>"),
                          std::string("<!DOCTYPE a PUBLIC \"\x01\" \"s\"><w/>"), std::string("<!DOCTYPE a SYSTEM"),
                          std::string("<w/><!DOCTYPE a>")}) {
    EXPECT_EQ(by_expat(xml).code, "reader.xml") << xml;
    for (std::size_t c : kChunks) EXPECT_EQ(by_scanner(xml, c).code, "reader.xml") << xml << " chunk " << c;
  }
}

// Names outside ASCII follow expat's name tables (XML 1.0 4th edition Appendix B): 中 (U+4E2D) is a
// letter, × (U+00D7) and the ideographic space U+3000 are not, a combining grave (U+0300) may follow
// but not start a name. Fuzz findings tests/fuzz/regressions/sheet_diff-non-ascii-*.
TEST(SheetScanner, NonAsciiNamesAsExpat) {
  for (std::string xml : {std::string("<w><\xe4\xb8\xad/></w>"), std::string("<w><a\xcc\x80/></w>"),
                          std::string("<w \xe4\xb8\xad=\"1\"/>"), std::string("<?\xe4\xb8\xad x?><w/>")}) {
    EXPECT_EQ(by_expat(xml).code, "") << xml;
    for (std::size_t c : kChunks) EXPECT_EQ(by_scanner(xml, c).code, "") << xml << " chunk " << c;
  }
  for (std::string xml : {std::string("<w><\xc3\x97/></w>"), std::string("<w><\xe3\x80\x80/></w>"),
                          std::string("<w><\xcc\x80/></w>"), std::string("<w \xc3\x97=\"1\"/>"),
                          std::string("<?\xc3\x97 x?><w/>")}) {
    EXPECT_EQ(by_expat(xml).code, "reader.xml") << xml;
    for (std::size_t c : kChunks) EXPECT_EQ(by_scanner(xml, c).code, "reader.xml") << xml << " chunk " << c;
  }
}

TEST(SheetScanner, HugeAttributeAndDeepNestingStayBounded) {
  // a 5 MiB attribute value: past kMaxMarkup (4 MiB), refused as malformed instead of buffered
  std::string huge = sheet("<row r=\"1\" spans=\"" + std::string(5u << 20, '1') + "\"></row>");
  for (std::size_t c : {std::size_t{4096}, std::size_t{65536}, std::size_t{1} << 30})
    EXPECT_EQ(by_scanner(huge, c).code, "reader.xml") << c;
  // 100,000 nested elements in a cell (tests/bad-inputs deep-nesting-2024.xlsx) are well-formed:
  // the cell has no value
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<x>";
  for (int i = 0; i < 100000; ++i) deep += "</x>";
  Result r = by_scanner(sheet("<row r=\"1\"><c r=\"A1\">" + deep + "</c></row>"), 65536);
  ASSERT_EQ(r.code, "");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_TRUE(r.rows[0].cells.empty());
}

TEST(SheetScanner, ReaderLimitsKeepTheirCodes) {
  ReaderLimits lim;
  lim.max_cell_bytes = 10;
  lim.max_columns = 3;
  lim.max_rows = 2;
  auto ctx = context(&kSst, &kFormats, lim);
  EXPECT_EQ(read_everywhere(sheet("<row r=\"1\"><c t=\"inlineStr\"><is><t>12345678901</t></is></c></row>"), ctx).code,
            "reader.cell_too_long");
  EXPECT_EQ(read_everywhere(sheet("<row r=\"1\"><c><v>1</v></c><c r=\"D1\"><v>2</v></c></row>"), ctx).code,
            "reader.too_many_columns");
  EXPECT_EQ(read_everywhere(sheet("<row/><row/><row/>"), ctx).code, "reader.too_many_rows");
  EXPECT_EQ(read_everywhere(sheet("<row r=\"1\"><c t=\"x\"><v>1</v></c></row>"), ctx).code, "reader.xml");
}

TEST(SheetScanner, Utf16AndOtherEncodingsGoToExpat) {
  EXPECT_TRUE(SheetScanner::reads("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w"));
  EXPECT_TRUE(SheetScanner::reads("\xEF\xBB\xBF<worksheet/>"));
  EXPECT_TRUE(SheetScanner::reads("<?xml version='1.0' encoding='utf-8'?><w/>"));
  EXPECT_FALSE(SheetScanner::reads("<?xml version='1.0' encoding='utf8'?><w/>"));
  // the declaration is not closed within the head: its encoding may follow, so expat decides
  EXPECT_FALSE(SheetScanner::reads("<?xml version=\"1.999999990000000000000000000000386217072\" encodi"));
  EXPECT_FALSE(SheetScanner::reads("\xFF\xFE<\0?\0"));
  EXPECT_FALSE(SheetScanner::reads(std::string_view("<\0?\0x\0", 6)));
  EXPECT_FALSE(SheetScanner::reads("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><w/>"));
  // "UTF8" is not a name expat knows: expat alone reads (and refuses) such a part
  EXPECT_FALSE(SheetScanner::reads("<?xml version=\"1.0\" encoding=\"UTF8\"?><w/>"));
  EXPECT_EQ(by_expat("<?xml version=\"1.0\" encoding=\"UTF8\"?><w/>").code, "reader.xml");
}

/// The scanner and expat on every worksheet of every workbook in the test data: same rows.
TEST(SheetScanner, SameRowsAsExpatOnEveryTestWorkbook) {
  std::vector<std::filesystem::path> files;
  for (const auto& dir : {test::cases_dir(), test::fixtures_dir()})
    for (const auto& e : std::filesystem::directory_iterator(dir))
      if (e.path().extension() == ".xlsx") files.push_back(e.path());
  ASSERT_GE(files.size(), 13u);  // 12 cases + LibreOffice fixtures
  int parts = 0;
  for (const auto& f : files) {
    ZipArchive zip(f.string(), ReaderLimits{});
    Workbook wb = read_workbook(zip);
    auto fmts = read_cell_formats(zip, wb.styles_part);
    auto sst = read_shared_strings(zip, wb.shared_strings_part);
    for (const auto& part : wb.sheet_parts) {
      if (part.empty() || !zip.has(part)) continue;
      std::string xml;
      auto in = zip.open(part);
      char buf[4096];
      while (std::size_t n = in->read(buf, sizeof buf)) xml.append(buf, n);
      Result r = read_everywhere(xml, context(&sst, &fmts));
      EXPECT_EQ(r.code, "") << f << " " << part;
      ++parts;
    }
  }
  EXPECT_GE(parts, 12);
}

}  // namespace
}  // namespace mujun::readers
