#include "server/api_common.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
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

Response json_response(const nlohmann::json& j, int status) {
  return json(status, j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
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
  const long long from = std::min(total, (page - 1) * size);
  const long long to = std::min(total, from + size);
  for (long long i = from; i < to; ++i) page_items.push_back(items[static_cast<std::size_t>(i)]);
  return {{"total", total}, {"page", page}, {"size", size}, {"items", page_items}};
}

Paging paging(const Request& req) {
  Paging p;
  if (!req.q("page").empty()) p.page = to_int(req.q("page"), "page");
  if (!req.q("size").empty()) p.size = to_int(req.q("size"), "size");
  if (p.page < 1) throw ApiError(400, "bad_request", "page 应 ≥ 1 / page must be ≥ 1");
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
  static std::mutex mu;
  static std::map<std::string, std::pair<long long, std::vector<int>>> cache;
  const long long version = ctx.store.latest_batch_id();
  {
    std::lock_guard<std::mutex> lock(mu);
    if (auto it = cache.find(ctx.config.db_path); it != cache.end() && it->second.first == version)
      return it->second.second;
  }
  auto years = ctx.store.years();
  std::lock_guard<std::mutex> lock(mu);
  cache[ctx.config.db_path] = {version, years};
  return years;
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
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
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
