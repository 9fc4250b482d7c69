#include "server/api_common.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <sstream>

#include <fmt/format.h>

#include "store/platform.h"
#include "store/store.h"

namespace mujun::server::api {

namespace fs = std::filesystem;

std::string safe_dump(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

Response json_response(const nlohmann::json& j, int status) { return json(status, safe_dump(j)); }

bool valid_utf8(std::string_view s) {
  std::size_t i = 0, n = s.size();
  while (i < n) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    int len = 0;
    std::uint32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) len = 2, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF) len = 3, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4) len = 4, cp = c & 0x07;
    else return false;
    if (i + static_cast<std::size_t>(len) > n) return false;
    for (int k = 1; k < len; ++k) {
      auto d = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += static_cast<std::size_t>(len);
  }
  return true;
}

std::string file_name_problem(const std::string& name) {
  if (!valid_utf8(name))
    return "文件名不是有效的 UTF-8，请把文件改名（只用常规字符）后重试 / file name is not valid UTF-8; rename the file and retry";
  for (std::size_t i = 0; i < name.size(); ++i) {
    auto c = static_cast<unsigned char>(name[i]);
    bool c1 = c == 0xC2 && i + 1 < name.size() && static_cast<unsigned char>(name[i + 1]) >= 0x80 &&
              static_cast<unsigned char>(name[i + 1]) <= 0x9F;
    if (c < 0x20 || c == 0x7F || c1)
      return "文件名含有控制字符，请把文件改名后重试 / file name contains control characters; rename the file and retry";
  }
  return {};
}

void check_file_name(const std::string& name) {
  if (auto p = file_name_problem(name); !p.empty()) throw ApiError(400, "bad_request", p);
}

namespace {
// "Application/JSON; charset=utf-8" → "application/json".
std::string media_type(const std::string& content_type) {
  std::string t = content_type.substr(0, content_type.find(';'));
  auto b = t.find_first_not_of(" \t"), e = t.find_last_not_of(" \t");
  t = b == std::string::npos ? std::string() : t.substr(b, e - b + 1);
  std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return t;
}
}  // namespace

nlohmann::json body_object(const Request& req) {
  const std::string type = media_type(req.header("content-type"));
  if (type != "application/json")
    throw ApiError(415, "unsupported_media_type",
                   fmt::format("请求体须为 JSON，请设置请求头 Content-Type: application/json（收到 '{}'）/ send the body "
                               "with Content-Type: application/json (got '{}')",
                               type.empty() ? "无 none" : type, type.empty() ? "none" : type));
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(req.body);
  } catch (const nlohmann::json::parse_error& e) {
    // e.what(): "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error …"
    std::string what = e.what();
    if (auto p = what.find("] "); p != std::string::npos) what = what.substr(p + 2);
    throw ApiError(400, "bad_request", fmt::format("请求体不是有效的 JSON：{} / request body is not valid JSON: {}", what, what));
  }
  if (!j.is_object()) throw ApiError(400, "bad_request", "请求体必须是 JSON 对象 / request body must be a JSON object");
  return j;
}

void not_found(const std::string& what_zh, const std::string& what_en) {
  throw ApiError(404, "not_found", fmt::format("未找到{} / {} not found", what_zh, what_en));
}

nlohmann::json Paging::wrap(const nlohmann::json& items) const {
  nlohmann::json page_items = nlohmann::json::array();
  const long long total = static_cast<long long>(items.size());
  const long long from = offset(total), to = std::min(total, from + size);
  for (long long i = from; i < to; ++i) page_items.push_back(items[static_cast<std::size_t>(i)]);
  return {{"total", total}, {"page", page}, {"size", size}, {"items", page_items}};
}

long long Paging::offset(long long total) const {
  // page ≤ kMaxPage and size ≤ 1000 are checked by paging(); the clamps keep a hand-made Paging safe too.
  if (page < 1 || size < 1 || total <= 0) return 0;
  long long off = 0;
  if (__builtin_mul_overflow(page - 1, size, &off) || off > total) return total;
  return off;
}

Paging paging(const Request& req) {
  Paging p;
  if (!req.q("page").empty()) p.page = to_int(req.q("page"), "page");
  if (!req.q("size").empty()) p.size = to_int(req.q("size"), "size");
  if (p.page < 1 || p.page > Paging::kMaxPage)
    throw ApiError(400, "bad_request", "page 应在 1 到 1000000000 之间 / page must be 1..1000000000");
  if (p.size < 1 || p.size > 1000) throw ApiError(400, "bad_request", "size 应在 1 到 1000 之间 / size must be 1..1000");
  return p;
}

std::string own_uscc(const Ctx& ctx) {
  if (ctx.user && ctx.user->is_enterprise()) return ctx.user->enterprise_uscc.empty() ? "\x01none" : ctx.user->enterprise_uscc;
  return "";
}

bool may_see(const Ctx& ctx, const std::string& uscc) {
  std::string own = own_uscc(ctx);
  return own.empty() || own == uscc;
}

namespace {
// The years with data change only with an import: cached per (database, latest batch id), so a
// request does not scan the facts for them.
std::vector<int> cached_years(const Ctx& ctx) {
  static VersionCache<std::vector<int>> cache;
  return cache.get(ctx.config.db_path, ctx.store.latest_batch_id(), [&] { return ctx.store.years(); });
}
}  // namespace

int year_param(const Ctx& ctx) {
  std::string y = ctx.req.q("year");
  auto years = cached_years(ctx);
  if (!y.empty()) {
    long long v = to_int(y, "year");
    if (std::find(years.begin(), years.end(), static_cast<int>(v)) == years.end())
      not_found(fmt::format(" {} 年的数据", v), fmt::format("data of {}", v));
    return static_cast<int>(v);
  }
  if (years.empty()) not_found("任何年份的数据（请先导入）", "data of any year (import first)");
  return *std::max_element(years.begin(), years.end());
}

std::string schemes_dir(const Ctx& ctx) {
  return ctx.config.schemes_dir.empty() ? ctx.config.resource_root + "/schemes" : ctx.config.schemes_dir;
}

bool run_visible(const Ctx& ctx, long long id) {
  if (!ctx.user || !ctx.user->is_enterprise()) return true;
  return ctx.platform.publication(id).has_value();
}

std::shared_ptr<const service::LoadedRun> run_or_404(const Ctx& ctx, long long id) {
  if (!run_visible(ctx, id)) not_found(fmt::format("评价运行 {}", id), fmt::format("run {}", id));
  static std::mutex mu;
  static std::map<std::pair<std::string, long long>, std::shared_ptr<const service::LoadedRun>> cache;
  auto key = std::make_pair(ctx.config.db_path, id);
  {
    std::lock_guard<std::mutex> lock(mu);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
  }
  auto run = service::load_run(ctx.store, id, schemes_dir(ctx));
  if (!run) not_found(fmt::format("评价运行 {}", id), fmt::format("run {}", id));
  std::lock_guard<std::mutex> lock(mu);
  if (cache.size() > 64) cache.erase(cache.begin());
  cache[key] = run;
  return run;
}

std::string content_disposition(const std::string& file_name, const std::string& ascii_name) {
  // ASCII fallback name plus the UTF-8 name (RFC 6266 / 5987); quotes and controls never pass through.
  std::string ascii, encoded;
  for (unsigned char c : ascii_name)
    ascii += (c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != ';') ? static_cast<char>(c) : '_';
  if (ascii.empty()) ascii = "download";
  for (unsigned char c : file_name) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') encoded += static_cast<char>(c);
    else encoded += fmt::format("%{:02X}", c);
  }
  return fmt::format("attachment; filename=\"{}\"; filename*=UTF-8''{}", ascii, encoded);
}

Response file_response(std::string bytes, const std::string& content_type, const std::string& file_name,
                       const std::string& ascii_name) {
  Response r;
  r.status = 200;
  r.content_type = content_type;
  r.body = std::move(bytes);
  r.headers.emplace_back("Content-Disposition", content_disposition(file_name, ascii_name));
  // X-Content-Type-Options: nosniff is set on every response by the listener (once).
  return r;
}

std::string temp_path(const std::string& suffix) {
  static std::atomic<unsigned long> counter{0};
  std::random_device rd;
  return (fs::temp_directory_path() / fmt::format("mujun-{:x}-{}{}", rd(), counter++, suffix)).string();
}

std::string slurp_and_remove(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  in.close();
  std::error_code ec;
  fs::remove(path, ec);
  return ss.str();
}

std::string now_iso(int plus_days) {
  auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() + std::chrono::hours(24 * plus_days));
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace mujun::server::api
