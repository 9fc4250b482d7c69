// mujun — turns the events of one worksheet part into Rows (the cell rules are listed in
// xlsx_reader.h). Two tokenizers drive it: SheetScanner (sheet_scanner.h, the fast path for UTF-8
// parts) and expat through the XmlHandler interface (parts in another encoding, and the reference
// the scanner is checked against in tests/unit/ingest/readers_scanner_test.cpp and the fuzz target
// xlsx_sheet_diff). Both deliver the same events, so both give the same cells.
//
// Completed rows queue up in `ready`; the reader feeds one 64 KiB chunk at a time, so the queue
// holds at most the rows of one chunk. Rows handed back through recycle() are reused with their
// cell strings' buffers, so a steady stream of rows allocates nothing per cell.
#pragma once
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/readers/cell.h"
#include "ingest/readers/excel_date.h"
#include "ingest/readers/ooxml_text.h"
#include "ingest/readers/table_reader.h"
#include "ingest/readers/xml_stream.h"

namespace mujun::readers {

struct SheetContext {
  std::string file, sheet, part;
  const std::vector<std::string>* shared_strings = nullptr;
  const std::vector<FormatClass>* formats = nullptr;
  bool date1904 = false;
  ReaderLimits limits;
};

/// One attribute of a start tag: its local name (prefix removed, as local_name()) and its value
/// with entities decoded and attribute-value normalisation applied (XML 1.0 §3.3.3).
struct XmlAttr {
  std::string_view name;
  std::string_view value;
};

class SheetRowHandler : public XmlHandler {
 public:
  explicit SheetRowHandler(SheetContext ctx);
  // expat events (names already without prefix)
  void start(std::string_view name, const char** attrs) override;
  void end(std::string_view name) override;
  void text(std::string_view data) override;
  /// A start tag with its attributes (the scanner's form of start()).
  void start_element(std::string_view name, const XmlAttr* attrs, std::size_t n);
  /// True when text() would keep the text (inside <v>, <f> or <is> of a cell); other text is
  /// only checked for well-formedness by the scanner.
  bool wants_text() const { return in_cell_ && capture_ != Capture::None; }
  /// Gives a delivered row back for reuse (its buffers keep their capacity).
  void recycle(Row&& row);
  std::deque<Row> ready;

 private:
  [[noreturn]] void fail(const std::string& code, const std::string& zh, const std::string& en) const;
  void begin_row(const std::string_view* r);
  void begin_cell(const std::string_view* r, const std::string_view* t, const std::string_view* s);
  void finish_cell();
  std::string where() const;
  SheetContext ctx_;
  bool in_data_ = false, in_row_ = false, in_cell_ = false;
  Row row_;
  std::size_t width_ = 0;  // columns of row_ holding a value so far
  std::vector<Row> spare_;
  long last_row_ = 0;
  long rows_seen_ = 0;
  int col_ = -1;
  std::string type_;
  int style_ = 0;
  std::string value_, formula_;
  bool has_v_ = false, has_f_ = false, has_is_ = false;
  enum class Capture { None, V, F, Is } capture_ = Capture::None;
  StringItemCollector item_;
  Cell cell_;            // the cell being finished (its buffers are reused)
  std::string scratch_;  // NUL-terminated copy of a numeric attribute for std::atol/atoi
  std::vector<XmlAttr> expat_attrs_;
};

}  // namespace mujun::readers
