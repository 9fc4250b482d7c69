#include "server/multipart.h"

#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "server/api_common.h"

namespace mujun::server {

namespace {

// `s` converted from GB18030 (a superset of GBK, what older Chinese Windows clients send) to UTF-8;
// nullopt when it is not GB18030 either.
std::optional<std::string> gb18030_to_utf8(const std::string& s) {
  iconv_t cd = ::iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out(s.size() * 4 + 4, '\0');
  char* in = const_cast<char*>(s.data());
  std::size_t in_left = s.size();
  char* o = out.data();
  std::size_t out_left = out.size();
  auto rc = ::iconv(cd, &in, &in_left, &o, &out_left);
  ::iconv_close(cd);
  if (rc == static_cast<std::size_t>(-1) || in_left != 0) return std::nullopt;
  out.resize(out.size() - out_left);
  return out;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

// Value of parameter `name` in a header value like `form-data; name="f"; filename="a b.xlsx"`.
std::optional<std::string> param(const std::string& header, const std::string& name) {
  std::size_t i = 0;
  while (i < header.size()) {
    auto semi = header.find(';', i);
    if (semi == std::string::npos) return std::nullopt;
    i = semi + 1;
    while (i < header.size() && (header[i] == ' ' || header[i] == '\t')) ++i;
    auto eq = header.find('=', i);
    if (eq == std::string::npos) return std::nullopt;
    std::string key = lower(trim(header.substr(i, eq - i)));
    std::size_t v = eq + 1;
    std::string value;
    if (v < header.size() && header[v] == '"') {
      ++v;
      while (v < header.size() && header[v] != '"') {
        if (header[v] == '\\' && v + 1 < header.size()) ++v;
        value += header[v++];
      }
      i = v + 1;
    } else {
      auto end = header.find(';', v);
      value = trim(header.substr(v, end == std::string::npos ? std::string::npos : end - v));
      i = end == std::string::npos ? header.size() : end;
    }
    if (key == name) return value;
  }
  return std::nullopt;
}

std::string percent_decode(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

[[noreturn]] void bad(const char* what) {
  throw std::invalid_argument(std::string("上传内容格式错误：") + what + " / malformed multipart body");
}

}  // namespace

std::optional<std::string> multipart_boundary(const std::string& content_type) {
  auto semi = content_type.find(';');
  if (lower(trim(content_type.substr(0, semi))) != "multipart/form-data") return std::nullopt;
  auto b = param(content_type, "boundary");
  if (!b || b->empty() || b->size() > 70) return std::nullopt;
  return b;
}

UploadedFile multipart_file(const std::string& body, const std::string& boundary) {
  const std::string delim = "--" + boundary;
  std::size_t pos = body.find(delim);
  if (pos == std::string::npos) bad("找不到分隔符");
  while (true) {
    pos += delim.size();
    if (body.compare(pos, 2, "--") == 0) break;  // closing delimiter
    if (body.compare(pos, 2, "\r\n") != 0) bad("分隔符后应换行");
    pos += 2;
    auto head_end = body.find("\r\n\r\n", pos);
    if (head_end == std::string::npos) bad("部分头不完整");
    std::string head = body.substr(pos, head_end - pos);
    std::size_t data = head_end + 4;
    auto next = body.find("\r\n" + delim, data);
    if (next == std::string::npos) bad("缺少结束分隔符");
    UploadedFile f;
    bool is_file = false;
    std::size_t h = 0;
    while (h <= head.size()) {
      auto e = head.find("\r\n", h);
      std::string line = head.substr(h, e == std::string::npos ? std::string::npos : e - h);
      auto colon = line.find(':');
      if (colon != std::string::npos) {
        std::string name = lower(trim(line.substr(0, colon)));
        std::string value = trim(line.substr(colon + 1));
        if (name == "content-disposition") {
          if (auto fn = param(value, "filename*"); fn && lower(fn->substr(0, 7)) == "utf-8''") {
            f.file_name = percent_decode(fn->substr(7));
            is_file = true;
          } else if (auto fn2 = param(value, "filename")) {
            f.file_name = *fn2;
            is_file = true;
          }
        } else if (name == "content-type") {
          f.content_type = value;
        }
      }
      if (e == std::string::npos) break;
      h = e + 2;
    }
    if (is_file) {
      if (!api::valid_utf8(f.file_name)) {
        auto converted = gb18030_to_utf8(f.file_name);
        if (!converted || !api::valid_utf8(*converted)) throw std::invalid_argument(api::file_name_problem(f.file_name));
        f.file_name = std::move(*converted);
      }
      if (auto problem = api::file_name_problem(f.file_name); !problem.empty()) throw std::invalid_argument(problem);
      f.bytes = body.substr(data, next - data);
      return f;
    }
    pos = next + 2;
  }
  bad("没有文件部分");
}

}  // namespace mujun::server
