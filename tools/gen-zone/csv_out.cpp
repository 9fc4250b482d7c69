#include "csv_out.h"

#include <iconv.h>

#include <cerrno>
#include <stdexcept>

namespace genzone {

std::string csv_line(const Row& row) {
  std::string out;
  for (size_t i = 0; i < row.size(); ++i) {
    if (i) out += ',';
    const Cell& c = row[i];
    std::string v = c.kind == Cell::Number ? decimal_text(c.scaled, c.decimals) : c.text;
    if (v.find_first_of(",\"\r\n") != std::string::npos) {
      std::string q = "\"";
      for (char ch : v) { if (ch == '"') q += '"'; q += ch; }
      v = q + "\"";
    }
    out += v;
  }
  return out;
}

CsvStream::CsvStream(const std::string& path, Encoding enc, bool crlf) : path_(path), enc_(enc), crlf_(crlf) {
  f_ = std::fopen(path.c_str(), "wb");
  if (!f_) throw std::runtime_error("无法创建文件 / cannot create " + path);
  if (enc == Encoding::Utf8Bom) std::fputs("\xEF\xBB\xBF", f_);
  if (enc == Encoding::Gbk) {
    iconv_t cd = iconv_open("GBK", "UTF-8");
    if (cd == reinterpret_cast<iconv_t>(-1)) throw std::runtime_error("iconv 不支持 GBK / iconv has no GBK");
    iconv_ = cd;
  }
}

CsvStream::~CsvStream() {
  if (f_) std::fclose(f_);
  if (iconv_) iconv_close(static_cast<iconv_t>(iconv_));
}

void CsvStream::write_row(const Row& row) {
  std::string line = csv_line(row) + (crlf_ ? "\r\n" : "\n");
  if (enc_ != Encoding::Gbk) {
    std::fwrite(line.data(), 1, line.size(), f_);
    return;
  }
  std::string out(line.size() * 2 + 8, '\0');
  char* in = line.data();
  size_t inleft = line.size();
  char* o = out.data();
  size_t oleft = out.size();
  iconv(static_cast<iconv_t>(iconv_), nullptr, nullptr, nullptr, nullptr);
  if (iconv(static_cast<iconv_t>(iconv_), &in, &inleft, &o, &oleft) == static_cast<size_t>(-1))
    throw std::runtime_error("无法转换为 GBK / no GBK code for text in " + path_ + ": " + line);
  std::fwrite(out.data(), 1, out.size() - oleft, f_);
}

void CsvStream::close() {
  if (f_ && std::fclose(f_) != 0) { f_ = nullptr; throw std::runtime_error("写入失败 / cannot write " + path_); }
  f_ = nullptr;
}

void write_csv(const std::string& path, const Sheet& sheet, Encoding enc, bool crlf) {
  CsvStream s(path, enc, crlf);
  for (const auto& r : sheet.rows) s.write_row(r);
  s.close();
}

}  // namespace genzone
