#include "service/schemes.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "domain/sha256.h"
#include "evaluation/scheme.h"

namespace mujun::service {

namespace fs = std::filesystem;

namespace {

std::optional<std::string> read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool valid_id(const std::string& id) {
  return !id.empty() && id.size() <= 100 &&
         std::all_of(id.begin(), id.end(), [](unsigned char c) { return std::isalnum(c) || c == '_' || c == '-'; });
}

}  // namespace

std::vector<SchemeInfo> list_schemes(const std::string& dir) {
  std::vector<SchemeInfo> out;
  std::error_code ec;
  for (auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() != ".toml" || !e.is_regular_file()) continue;
    auto text = read_text(e.path());
    if (!text) continue;
    try {
      auto s = evaluation::parse_scheme(*text, e.path().string());
      out.push_back({s.id, s.name, e.path().string(), sha256_hex(*text), s.source});
    } catch (const evaluation::SchemeError&) {
    }
  }
  std::sort(out.begin(), out.end(), [](const SchemeInfo& a, const SchemeInfo& b) { return a.id < b.id; });
  return out;
}

std::optional<SchemeInfo> find_scheme(const std::string& dir, const std::string& id) {
  for (auto& s : list_schemes(dir))
    if (s.id == id) return s;
  return std::nullopt;
}

std::optional<SchemeInfo> find_scheme_by_sha256(const std::string& dir, const std::string& sha256) {
  for (auto& s : list_schemes(dir))
    if (s.sha256 == sha256) return s;
  return std::nullopt;
}

Issues check_scheme_text(const std::string& text, const std::string& id, const std::string& file_name) {
  try {
    auto s = evaluation::parse_scheme(text, file_name);
    if (s.id != id) {
      Issue i;
      i.severity = Severity::Error;
      i.file = file_name;
      i.column = "scheme.id";
      i.raw_value = s.id;
      i.code = "scheme_id_mismatch";
      i.message = fmt::format("[scheme] id “{}” 与地址中的 {} 不一致；请保持 id 不变 / the id must stay {}", s.id, id, id);
      return {i};
    }
    return {};
  } catch (const evaluation::SchemeError& e) {
    return e.issues;
  }
}

std::string save_scheme(const std::string& dir, const std::string& id, const std::string& text) {
  if (!valid_id(id))
    throw std::invalid_argument(fmt::format("评价办法 id “{}” 只能含字母、数字、_ 和 - / invalid scheme id", id));
  fs::path target = fs::path(dir) / (id + ".toml");
  if (auto existing = find_scheme(dir, id)) target = existing->file;
  fs::path tmp = target;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error(fmt::format("无法写入 {} / cannot write {}", tmp.string(), tmp.string()));
    out << text;
    if (!out.flush()) throw std::runtime_error(fmt::format("无法写入 {} / cannot write {}", tmp.string(), tmp.string()));
  }
  std::error_code ec;
  fs::rename(tmp, target, ec);
  if (ec) throw std::runtime_error(fmt::format("无法替换 {}：{} / cannot replace the file", target.string(), ec.message()));
  return target.string();
}

}  // namespace mujun::service
