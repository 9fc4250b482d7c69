// mujun — static files of the dashboard (see static_files.h).
#include "server/static_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "server/dispatch.h"

namespace fs = std::filesystem;

namespace mujun::server {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool has_dotdot_segment(const std::string& path) {
  std::size_t i = 0;
  while (i <= path.size()) {
    auto j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    if (path.compare(i, j - i, "..") == 0 && j - i == 2) return true;
    i = j + 1;
  }
  return false;
}

std::optional<std::string> read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// `p` (canonical) lies inside `root` (canonical).
bool inside(const fs::path& root, const fs::path& p) {
  auto r = root.begin(), q = p.begin();
  for (; r != root.end(); ++r, ++q)
    if (q == p.end() || *r != *q) return false;
  return true;
}

Response file_response(const fs::path& file, const std::string& cache) {
  auto bytes = read_file(file);
  if (!bytes) return error_response(404, "not_found", "未找到 / not found");
  Response r;
  r.status = 200;
  r.content_type = content_type_for(file.filename().string());
  r.body = std::move(*bytes);
  r.headers.emplace_back("Cache-Control", cache);
  return r;
}

}  // namespace

std::string content_type_for(const std::string& file_name) {
  auto ext = lower(fs::path(file_name).extension().string());
  static const std::pair<const char*, const char*> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".json", "application/json; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".ico", "image/x-icon"},
      {".txt", "text/plain; charset=utf-8"},
      {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
      {".pdf", "application/pdf"},
  };
  for (auto& [e, t] : kTypes)
    if (ext == e) return t;
  return "application/octet-stream";
}

Response serve_static(const std::string& web_root, const std::string& path) {
  if (web_root.empty())
    return error_response(404, "not_found",
                          "未配置仪表盘文件（mujun serve --web DIR）/ no dashboard configured (mujun serve --web DIR)");
  if (path.empty() || path.front() != '/' || has_dotdot_segment(path) || path.find('\\') != std::string::npos ||
      path.find('\0') != std::string::npos)
    return error_response(400, "bad_request", "非法路径 / illegal path");
  std::error_code ec;
  fs::path root = fs::canonical(web_root, ec);
  if (ec) return error_response(404, "not_found", "仪表盘目录不存在 / the dashboard folder does not exist");
  fs::path index = root / "index.html";
  std::string rel = path.substr(1);
  if (rel.empty()) return file_response(index, "no-cache");
  fs::path candidate = root / fs::path(rel);
  fs::path real = fs::canonical(candidate, ec);
  if (!ec && fs::is_regular_file(real)) {
    if (!inside(root, real)) return error_response(404, "not_found", "未找到 / not found");
    bool hashed = rel.rfind("assets/", 0) == 0;
    return file_response(real, hashed ? "public, max-age=31536000, immutable" : "no-cache");
  }
  if (!ec && fs::is_directory(real) && inside(root, real) && fs::is_regular_file(real / "index.html"))
    return file_response(real / "index.html", "no-cache");
  if (fs::path(rel).has_extension()) return error_response(404, "not_found", "未找到 / not found: " + path);
  return file_response(index, "no-cache");  // a dashboard route (history mode)
}

}  // namespace mujun::server
