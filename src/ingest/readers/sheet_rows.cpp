#include "ingest/readers/sheet_rows.h"

#include <fmt/format.h>

#include <charconv>
#include <cstdlib>

namespace mujun::readers {

SheetRowHandler::SheetRowHandler(SheetContext ctx)
    : ctx_(std::move(ctx)), item_(ctx_.limits.max_cell_bytes) {}

std::string SheetRowHandler::where() const {
  return fmt::format("{}!{}{}", ctx_.sheet, column_letters(col_ < 0 ? 0 : col_), row_.number);
}

void SheetRowHandler::fail(const std::string& code, const std::string& zh, const std::string& en) const {
  throw ReaderError(code, ctx_.file, where(),
                    fmt::format("文件 {}，工作表“{}”，单元格 {}{}：{} / {}, sheet \"{}\", cell {}{}: {}",
                                ctx_.file, ctx_.sheet, column_letters(col_ < 0 ? 0 : col_), row_.number,
                                zh, ctx_.file, ctx_.sheet, column_letters(col_ < 0 ? 0 : col_),
                                row_.number, en));
}

namespace {

const std::string_view* find_attr(const XmlAttr* attrs, std::size_t n, std::string_view local) {
  for (std::size_t i = 0; i < n; ++i)
    if (attrs[i].name == local) return &attrs[i].value;
  return nullptr;
}

}  // namespace

void SheetRowHandler::start(std::string_view name, const char** attrs) {
  if (name != "row" && name != "c") {  // only these two read attributes
    start_element(name, nullptr, 0);
    return;
  }
  expat_attrs_.clear();
  for (; attrs && attrs[0]; attrs += 2) expat_attrs_.push_back({local_name(attrs[0]), attrs[1]});
  start_element(name, expat_attrs_.data(), expat_attrs_.size());
}

void SheetRowHandler::recycle(Row&& row) {
  if (spare_.size() < 1024) spare_.push_back(std::move(row));
}

void SheetRowHandler::start_element(std::string_view name, const XmlAttr* attrs, std::size_t n) {
  if (in_cell_) {
    if (capture_ == Capture::Is) {
      item_.start(name);
    } else if (name == "v") {
      capture_ = Capture::V;
      has_v_ = true;
    } else if (name == "f") {
      capture_ = Capture::F;
      has_f_ = true;
    } else if (name == "is") {
      capture_ = Capture::Is;
      has_is_ = true;
      item_.reset();
    }
    return;
  }
  if (name == "sheetData") {
    in_data_ = true;
  } else if (name == "row" && in_data_) {
    begin_row(find_attr(attrs, n, "r"));
  } else if (name == "c" && in_row_) {
    begin_cell(find_attr(attrs, n, "r"), find_attr(attrs, n, "t"), find_attr(attrs, n, "s"));
  }
}

void SheetRowHandler::begin_row(const std::string_view* r) {
  // std::atol semantics (leading blanks, sign, overflow) on a value that is not NUL-terminated
  long n = 0;
  if (r) {
    scratch_.assign(*r);
    n = std::atol(scratch_.c_str());
  }
  // Reuse the buffers of the row being replaced (or of a recycled one): every cell back to Empty.
  for (auto& c : row_.cells) {
    c.kind = CellKind::Empty;
    c.text.clear();
    c.number = 0;
    c.iso.clear();
    c.has_formula = c.formula_like = false;
  }
  width_ = 0;
  row_.number = n > 0 ? n : last_row_ + 1;
  last_row_ = row_.number;
  in_row_ = true;
  col_ = -1;
  // A row number past the row limit (Excel itself stops at 1,048,576) is a damaged or crafted
  // file; refusing it also keeps last_row_ + 1 from overflowing on r="99999999999999999999".
  if (row_.number > ctx_.limits.max_rows)
    fail("reader.too_many_rows",
         fmt::format("行号 {} 超过每个工作表 {} 行的上限（Excel 最多 1048576 行），文件已损坏或被改动；请在 Excel/WPS "
                     "中打开后另存为 .xlsx", row_.number, ctx_.limits.max_rows),
         fmt::format("row number {} is past the limit of {} rows per sheet (Excel has at most 1048576): the file "
                     "is damaged or crafted; re-save it as .xlsx in Excel/WPS", row_.number, ctx_.limits.max_rows));
  if (++rows_seen_ > ctx_.limits.max_rows)
    fail("reader.too_many_rows", fmt::format("行数超过 {} 行的上限，请拆分文件", ctx_.limits.max_rows),
         fmt::format("more than {} rows; split the file", ctx_.limits.max_rows));
}

void SheetRowHandler::begin_cell(const std::string_view* r, const std::string_view* t,
                                 const std::string_view* s) {
  int c = -1;
  long rr = 0;
  if (r && parse_cell_ref(*r, c, rr)) col_ = c;
  else ++col_;
  if (col_ >= ctx_.limits.max_columns)
    fail("reader.too_many_columns",
         fmt::format("列数超过 {} 列的上限（Excel 最多 XFD 列），文件异常", ctx_.limits.max_columns),
         fmt::format("more than {} columns (Excel stops at XFD): the file is abnormal",
                     ctx_.limits.max_columns));
  if (t) type_.assign(*t);
  else type_.assign("n");
  style_ = 0;
  if (s) {
    scratch_.assign(*s);
    style_ = std::atoi(scratch_.c_str());
  }
  value_.clear();
  formula_.clear();
  has_v_ = has_f_ = has_is_ = false;
  capture_ = Capture::None;
  in_cell_ = true;
}

void SheetRowHandler::end(std::string_view name) {
  if (in_cell_) {
    if (name == "c") {
      finish_cell();
      in_cell_ = false;
    } else if (capture_ == Capture::Is) {
      if (name == "is") capture_ = Capture::None;
      else item_.end(name);
    } else if (name == "v" || name == "f") {
      capture_ = Capture::None;
    }
    return;
  }
  if (name == "row" && in_row_) {
    in_row_ = false;
    row_.cells.resize(width_);
    ready.push_back(std::move(row_));
    if (spare_.empty()) {
      row_ = Row{};
    } else {
      row_ = std::move(spare_.back());
      spare_.pop_back();
    }
  } else if (name == "sheetData") {
    in_data_ = false;
  }
}

void SheetRowHandler::text(std::string_view data) {
  if (!in_cell_) return;
  bool ok = true;
  if (capture_ == Capture::V) {
    value_.append(data);
    ok = value_.size() <= ctx_.limits.max_cell_bytes;
  } else if (capture_ == Capture::F) {
    formula_.append(data);
    ok = formula_.size() <= ctx_.limits.max_cell_bytes;
  } else if (capture_ == Capture::Is) {
    ok = item_.text(data);
  }
  if (!ok)
    fail("reader.cell_too_long",
         fmt::format("内容超过 {} 字节（Excel 单元格最多 32767 个字符），文件异常，已拒绝读取",
                     ctx_.limits.max_cell_bytes),
         fmt::format("longer than {} bytes (an Excel cell holds at most 32,767 characters): refused",
                     ctx_.limits.max_cell_bytes));
}

void SheetRowHandler::finish_cell() {
  Cell& cell = cell_;
  cell.kind = CellKind::Empty;
  cell.text.clear();
  cell.number = 0;
  cell.iso.clear();
  cell.has_formula = has_f_;
  cell.formula_like = false;
  auto number = [&](const std::string& v) {
    double d = 0;
    auto res = std::from_chars(v.data(), v.data() + v.size(), d);
    if (res.ec != std::errc() || res.ptr != v.data() + v.size())
      fail("reader.xml", fmt::format("数值“{}”不是数字，文件已损坏；请在 Excel/WPS 中打开后另存", v),
           fmt::format("the numeric value \"{}\" is not a number: the file is damaged; re-save it", v));
    return d;
  };
  if (type_ == "s") {
    if (has_v_) {
      char* end = nullptr;
      unsigned long idx = std::strtoul(value_.c_str(), &end, 10);
      const auto& sst = *ctx_.shared_strings;
      if (value_.empty() || *end != '\0' || idx >= sst.size())
        fail("reader.package",
             fmt::format("共享字符串编号“{}”不存在（表中共 {} 条），文件已损坏；请在 Excel/WPS 中打开后另存",
                         value_, sst.size()),
             fmt::format("shared string #\"{}\" does not exist (the table has {}): the file is damaged",
                         value_, sst.size()));
      cell.kind = CellKind::Text;
      cell.text.assign(sst[idx]);
    }
  } else if (type_ == "inlineStr") {
    if (has_is_) {
      cell.kind = CellKind::Text;
      item_.take_into(cell.text);
    }
  } else if (type_ == "str") {
    if (has_v_) {
      cell.kind = CellKind::Text;
      decode_xstring_into(value_, cell.text);
    }
  } else if (type_ == "b") {
    if (has_v_) {
      cell.kind = CellKind::Bool;
      cell.text.assign(value_);
      if (value_ == "1" || value_ == "true") cell.number = 1;
      else if (value_ == "0" || value_ == "false") cell.number = 0;
      else
        fail("reader.xml", fmt::format("逻辑值“{}”不是 0/1，文件已损坏", value_),
             fmt::format("the boolean \"{}\" is not 0/1: the file is damaged", value_));
    }
  } else if (type_ == "e") {
    if (has_v_) {
      cell.kind = CellKind::Error;
      cell.text.assign(value_);
    }
  } else if (type_ == "d") {
    if (has_v_) {
      auto serial = iso_to_serial(value_, ctx_.date1904);
      if (!serial)
        fail("reader.xml", fmt::format("日期“{}”不是 ISO 8601 日期，文件已损坏", value_),
             fmt::format("the date \"{}\" is not ISO 8601: the file is damaged", value_));
      cell.kind = CellKind::Date;
      cell.text.assign(value_);
      cell.number = *serial;
      auto iso = serial_to_iso(*serial, ctx_.date1904, false);
      cell.iso.assign(iso ? *iso : value_);
    }
  } else if (type_ == "n") {
    if (has_v_ && !value_.empty()) {
      cell.number = number(value_);
      cell.text.assign(value_);
      cell.kind = CellKind::Number;
      const auto& fmts = *ctx_.formats;
      FormatClass fc = style_ >= 0 && static_cast<std::size_t>(style_) < fmts.size()
                           ? fmts[static_cast<std::size_t>(style_)] : FormatClass::Number;
      if (fc != FormatClass::Number) {
        if (auto iso = serial_to_iso(cell.number, ctx_.date1904, fc == FormatClass::Time)) {
          cell.kind = CellKind::Date;
          cell.iso.assign(*iso);
        }
      }
    }
  } else {
    fail("reader.xml", fmt::format("未知的单元格类型 t=\"{}\"，文件不符合 Excel 格式", type_),
         fmt::format("unknown cell type t=\"{}\": not a valid Excel file", type_));
  }
  if (cell.kind == CellKind::Empty && has_f_) {
    cell.kind = CellKind::FormulaNoValue;
    cell.text.assign(formula_);
  }
  if (cell.kind == CellKind::Empty) return;  // nothing to place: gaps are Empty already
  auto c = static_cast<std::size_t>(col_);
  if (row_.cells.size() <= c) row_.cells.resize(c + 1);
  if (width_ <= c) width_ = c + 1;
  // swap, not move: the slot's old buffers become the next cell's scratch
  Cell& slot = row_.cells[c];
  std::swap(slot.kind, cell.kind);
  slot.text.swap(cell.text);
  std::swap(slot.number, cell.number);
  slot.iso.swap(cell.iso);
  std::swap(slot.has_formula, cell.has_formula);
  std::swap(slot.formula_like, cell.formula_like);
}

}  // namespace mujun::readers
