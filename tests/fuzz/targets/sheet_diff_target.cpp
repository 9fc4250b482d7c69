// Target sheet_diff: differential check of the worksheet tokenizers. The input is one worksheet
// part (xl/worksheets/sheetN.xml); its first byte picks the chunk size (1–256) in which the rest
// is fed to SheetScanner, while expat (XmlStream, the reference) gets it in one piece. Both drive
// the same SheetRowHandler, so they must agree: the same error code (or none) and, when the part
// is read to the end, the same rows, cell for cell.
#include <cstring>
#include <string_view>
#include <vector>

#include "../fuzz_targets.h"
#include "ingest/readers/sheet_scanner.h"

namespace mujun::fuzz {

namespace {

using namespace mujun::readers;

struct Outcome {
  std::vector<Row> rows;
  std::string code;
};

const std::vector<std::string> kSst = {"s0", "共享", ""};
const std::vector<FormatClass> kFormats = {FormatClass::Number, FormatClass::Date, FormatClass::Time};

SheetContext context() {
  ReaderLimits lim;
  lim.max_cell_bytes = 4096;  // reachable by the fuzzer
  lim.max_columns = 64;
  lim.max_rows = 1000;
  return SheetContext{"f.xlsx", "S", "xl/worksheets/sheet1.xml", &kSst, &kFormats, false, lim};
}

void drain(SheetRowHandler& h, Outcome& o) {
  while (!h.ready.empty()) {
    o.rows.push_back(std::move(h.ready.front()));
    h.ready.pop_front();
  }
}

bool same(const std::vector<Row>& a, const std::vector<Row>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].number != b[i].number || a[i].cells.size() != b[i].cells.size()) return false;
    for (std::size_t c = 0; c < a[i].cells.size(); ++c) {
      const Cell &x = a[i].cells[c], &y = b[i].cells[c];
      if (x.kind != y.kind || x.text != y.text || x.iso != y.iso || x.has_formula != y.has_formula ||
          std::memcmp(&x.number, &y.number, sizeof x.number) != 0)
        return false;
    }
  }
  return true;
}

}  // namespace

int sheet_diff(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t chunk = static_cast<std::size_t>(data[0]) + 1;
  std::string_view xml(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (!SheetScanner::reads(xml)) return 0;  // another encoding: expat's alone (the reader passes 64 KiB)

  Outcome s, x;
  {
    SheetRowHandler h(context());
    SheetScanner scanner(h, "f.xlsx", "sheet1.xml");
    try {
      for (std::size_t i = 0; i < xml.size(); i += chunk) {
        scanner.feed(xml.data() + i, std::min(chunk, xml.size() - i), false);
        drain(h, s);
      }
      scanner.feed(nullptr, 0, true);
      drain(h, s);
    } catch (const ReaderError& e) {
      s.code = e.code();
    }
  }
  {
    SheetRowHandler h(context());
    XmlStream expat(h, "f.xlsx", "sheet1.xml");
    try {
      expat.feed(xml.data(), xml.size(), true);
      drain(h, x);
    } catch (const ReaderError& e) {
      x.code = e.code();
    }
  }
  fuzz_check(s.code == x.code, "sheet_diff: the scanner and expat disagree on the outcome");
  if (s.code.empty()) fuzz_check(same(s.rows, x.rows), "sheet_diff: the scanner and expat give different rows");
  return 0;
}

}  // namespace mujun::fuzz
