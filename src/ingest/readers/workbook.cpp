#include "ingest/readers/workbook.h"

#include <fmt/format.h>

#include <charconv>
#include <map>

#include "ingest/readers/ooxml_text.h"
#include "ingest/readers/xml_stream.h"

namespace mujun::readers {

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    int v = 0;
    if (s[i] == '%' && i + 2 < s.size() &&
        std::from_chars(s.data() + i + 1, s.data() + i + 3, v, 16).ptr == s.data() + i + 3) {
      out.push_back(static_cast<char>(v));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

struct Relationship {
  std::string id, type, target;  // target resolved
};

class RelsHandler : public XmlHandler {
 public:
  explicit RelsHandler(std::string source) : source_(std::move(source)) {}
  void start(std::string_view name, const char** attrs) override {
    if (name != "Relationship") return;
    const char* mode = attr(attrs, "TargetMode");
    if (mode && std::string_view(mode) == "External") return;
    const char* id = attr(attrs, "Id");
    const char* type = attr(attrs, "Type");
    const char* target = attr(attrs, "Target");
    if (!target) return;
    rels.push_back({id ? id : "", type ? type : "", resolve_target(source_, target)});
  }
  void end(std::string_view) override {}
  void text(std::string_view) override {}
  std::vector<Relationship> rels;

 private:
  std::string source_;
};

std::string rels_part_of(std::string_view part) {
  auto slash = part.rfind('/');
  std::string dir = slash == std::string_view::npos ? "" : std::string(part.substr(0, slash + 1));
  std::string base(slash == std::string_view::npos ? part : part.substr(slash + 1));
  return dir + "_rels/" + base + ".rels";
}

std::vector<Relationship> read_rels(ZipArchive& archive, const std::string& source) {
  std::string part = source.empty() ? "_rels/.rels" : rels_part_of(source);
  if (!archive.has(part)) return {};
  RelsHandler h(source);
  parse_part(archive, part, h);
  return h.rels;
}

class WorkbookHandler : public XmlHandler {
 public:
  void start(std::string_view name, const char** attrs) override {
    if (name == "workbookPr") {
      const char* v = attr(attrs, "date1904");
      if (v) date1904 = std::string_view(v) == "1" || std::string_view(v) == "true";
    } else if (name == "sheet") {
      const char* n = attr(attrs, "name");
      const char* st = attr(attrs, "state");
      const char* id = attr(attrs, "id");  // r:id
      SheetInfo s;
      s.name = n ? n : "";
      s.hidden = st && std::string_view(st) != "visible";
      s.index = static_cast<int>(sheets.size());
      sheets.push_back(s);
      ids.push_back(id ? id : "");
    }
  }
  void end(std::string_view) override {}
  void text(std::string_view) override {}
  bool date1904 = false;
  std::vector<SheetInfo> sheets;
  std::vector<std::string> ids;
};

class StylesHandler : public XmlHandler {
 public:
  void start(std::string_view name, const char** attrs) override {
    if (name == "numFmt") {
      const char* id = attr(attrs, "numFmtId");
      const char* code = attr(attrs, "formatCode");
      if (id && code) custom[std::atoi(id)] = custom_format_class(code);
    } else if (name == "cellXfs") {
      in_cell_xfs = true;
    } else if (name == "xf" && in_cell_xfs) {
      const char* id = attr(attrs, "numFmtId");
      xf_fmt.push_back(id ? std::atoi(id) : 0);
    }
  }
  void end(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs = false;
  }
  void text(std::string_view) override {}
  std::map<int, FormatClass> custom;
  std::vector<int> xf_fmt;
  bool in_cell_xfs = false;
};

class SharedStringsHandler : public XmlHandler {
 public:
  SharedStringsHandler(ZipArchive& a, std::string part)
      : archive_(a), part_(std::move(part)), item_(a.limits().max_cell_bytes) {}
  void start(std::string_view name, const char**) override {
    if (name == "si") {
      in_si_ = true;
      item_.reset();
    } else if (in_si_) {
      item_.start(name);
    }
  }
  void end(std::string_view name) override {
    if (name == "si") {
      in_si_ = false;
      strings.push_back(item_.take());
      total_ += strings.back().size() + sizeof(std::string);
      if (total_ > archive_.limits().max_shared_strings_bytes)
        throw ReaderError(
            "reader.too_large", archive_.file(), part_,
            fmt::format("文件 {} 的共享字符串表超过 {} 字节上限，已停止读取。请拆分工作簿，或由管理员调高 "
                        "max_shared_strings_bytes。 / The shared-strings table of {} exceeds {} bytes; "
                        "split the workbook or ask an administrator to raise max_shared_strings_bytes.",
                        archive_.file(), archive_.limits().max_shared_strings_bytes, archive_.file(),
                        archive_.limits().max_shared_strings_bytes));
    } else if (in_si_) {
      item_.end(name);
    }
  }
  void text(std::string_view data) override {
    if (in_si_ && !item_.text(data))
      throw ReaderError(
          "reader.cell_too_long", archive_.file(), part_,
          fmt::format("文件 {} 的第 {} 个共享字符串超过 {} 字节（Excel 单元格最多 32767 个字符），文件异常，"
                      "已拒绝读取。 / Shared string #{} of {} is longer than {} bytes (an Excel cell "
                      "holds at most 32,767 characters): refused.",
                      archive_.file(), strings.size() + 1, archive_.limits().max_cell_bytes,
                      strings.size() + 1, archive_.file(), archive_.limits().max_cell_bytes));
  }
  std::vector<std::string> strings;

 private:
  ZipArchive& archive_;
  std::string part_;
  StringItemCollector item_;
  bool in_si_ = false;
  std::size_t total_ = 0;
};

}  // namespace

std::string resolve_target(std::string_view source_part, std::string_view target) {
  std::string t = percent_decode(target);
  for (char& c : t)
    if (c == '\\') c = '/';
  std::string joined;
  if (!t.empty() && t[0] == '/') {
    joined = t;
  } else {
    auto slash = source_part.rfind('/');
    joined = (slash == std::string_view::npos ? std::string() : std::string(source_part.substr(0, slash + 1))) + t;
  }
  std::vector<std::string> segs;
  std::size_t pos = 0;
  while (pos <= joined.size()) {
    auto next = joined.find('/', pos);
    if (next == std::string::npos) next = joined.size();
    std::string seg = joined.substr(pos, next - pos);
    if (seg == "..") {
      if (!segs.empty()) segs.pop_back();
    } else if (!seg.empty() && seg != ".") {
      segs.push_back(seg);
    }
    pos = next + 1;
  }
  std::string out;
  for (const auto& s : segs) out += (out.empty() ? "" : "/") + s;
  return normalise_part_name(out);
}

Workbook read_workbook(ZipArchive& archive) {
  Workbook wb;
  std::string wb_part;
  for (const auto& r : read_rels(archive, ""))
    if (ends_with(r.type, "/officeDocument")) wb_part = r.target;
  if (wb_part.empty() || !archive.has(wb_part)) wb_part = "xl/workbook.xml";
  if (!archive.has(wb_part))
    throw ReaderError(
        "reader.package", archive.file(), wb_part,
        fmt::format("文件 {} 是 zip 压缩包，但其中没有 Excel 工作簿（xl/workbook.xml）。它可能是 Word/WPS "
                    "文档或其他压缩包：请提供 .xlsx 格式的表格。 / {} is a zip archive without an Excel "
                    "workbook (xl/workbook.xml): perhaps a Word/WPS document or another archive. Provide "
                    "an .xlsx spreadsheet.",
                    archive.file(), archive.file()));
  WorkbookHandler wh;
  parse_part(archive, wb_part, wh);
  wb.date1904 = wh.date1904;
  if (wh.sheets.size() > static_cast<std::size_t>(archive.limits().max_sheets))
    throw ReaderError(
        "reader.too_many_sheets", archive.file(), wb_part,
        fmt::format("文件 {} 有 {} 个工作表，超过 {} 个的上限。请删除无关工作表或拆分文件。 / {} has {} "
                    "sheets, above the limit of {}. Remove unrelated sheets or split the file.",
                    archive.file(), wh.sheets.size(), archive.limits().max_sheets, archive.file(),
                    wh.sheets.size(), archive.limits().max_sheets));
  std::map<std::string, std::string> by_id;
  for (const auto& r : read_rels(archive, wb_part)) {
    by_id[r.id] = r.target;
    if (ends_with(r.type, "/sharedStrings")) wb.shared_strings_part = r.target;
    if (ends_with(r.type, "/styles")) wb.styles_part = r.target;
  }
  // Writers that omit a relationship still put the parts at their conventional names.
  std::string dir = wb_part.substr(0, wb_part.rfind('/') + 1);
  if (wb.shared_strings_part.empty() && archive.has(dir + "sharedstrings.xml"))
    wb.shared_strings_part = dir + "sharedstrings.xml";
  if (wb.styles_part.empty() && archive.has(dir + "styles.xml")) wb.styles_part = dir + "styles.xml";
  wb.sheets = wh.sheets;
  for (std::size_t i = 0; i < wh.ids.size(); ++i) {
    auto it = by_id.find(wh.ids[i]);
    std::string part = it != by_id.end() ? it->second : "";
    if (part.empty() && archive.has(dir + fmt::format("worksheets/sheet{}.xml", i + 1)))
      part = dir + fmt::format("worksheets/sheet{}.xml", i + 1);
    wb.sheet_parts.push_back(part);
  }
  if (wb.sheets.empty())
    throw ReaderError(
        "reader.package", archive.file(), wb_part,
        fmt::format("文件 {} 的工作簿中没有工作表。请在 Excel/WPS 中打开检查后另存为 .xlsx。 / The workbook "
                    "{} lists no sheets. Check it in Excel/WPS and save it as .xlsx.",
                    archive.file(), archive.file()));
  return wb;
}

std::vector<FormatClass> read_cell_formats(ZipArchive& archive, const std::string& styles_part) {
  std::vector<FormatClass> out;
  if (styles_part.empty() || !archive.has(styles_part)) return out;
  StylesHandler h;
  parse_part(archive, styles_part, h);
  out.reserve(h.xf_fmt.size());
  for (int id : h.xf_fmt) {
    auto it = h.custom.find(id);
    out.push_back(it != h.custom.end() ? it->second : builtin_format_class(id));
  }
  return out;
}

std::vector<std::string> read_shared_strings(ZipArchive& archive, const std::string& part) {
  if (part.empty() || !archive.has(part)) return {};
  SharedStringsHandler h(archive, part);
  parse_part(archive, part, h);
  return std::move(h.strings);
}

}  // namespace mujun::readers
