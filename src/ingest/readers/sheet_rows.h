// mujun — turns the expat events of one worksheet part into Rows (the cell rules are listed in
// xlsx_reader.h). Completed rows queue up in `ready`; the reader feeds one 64 KiB chunk at a
// time, so the queue holds at most the rows of one chunk.
#pragma once
#include <deque>
#include <string>
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

class SheetRowHandler : public XmlHandler {
 public:
  explicit SheetRowHandler(SheetContext ctx);
  void start(std::string_view name, const char** attrs) override;
  void end(std::string_view name) override;
  void text(std::string_view data) override;
  std::deque<Row> ready;

 private:
  [[noreturn]] void fail(const std::string& code, const std::string& zh, const std::string& en) const;
  void finish_cell();
  std::string where() const;
  SheetContext ctx_;
  bool in_data_ = false, in_row_ = false, in_cell_ = false;
  Row row_;
  long last_row_ = 0;
  long rows_seen_ = 0;
  int col_ = -1;
  std::string type_;
  int style_ = 0;
  std::string value_, formula_;
  bool has_v_ = false, has_f_ = false, has_is_ = false;
  enum class Capture { None, V, F, Is } capture_ = Capture::None;
  StringItemCollector item_;
};

}  // namespace mujun::readers
