// mujun — helpers shared by the data routes (api_*.cpp): JSON bodies and responses, paging, the
// enterprise scope of a request, years, the schemes folder, cached evaluation runs, downloads.
#pragma once
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "server/http.h"
#include "service/runs.h"

namespace mujun::server::api {

/// `j` serialised for a response or the audit log: invalid UTF-8 in strings (a request's bytes echoed in a
/// message) becomes U+FFFD instead of nlohmann's type_error.316. Every dump of the server that may carry
/// request bytes goes through this (or json_response / error_response, which use it).
std::string safe_dump(const nlohmann::json& j);

/// True when `s` is well-formed UTF-8 (no overlong forms, no surrogates, ≤ U+10FFFF).
bool valid_utf8(std::string_view s);

/// Checks a file name given by a client (query `file=`, a multipart filename already converted by
/// multipart_file): throws ApiError 400 bad_request "文件名不是有效的 UTF-8… / file name is not valid UTF-8…"
/// for invalid UTF-8, and "文件名含有控制字符… / file name contains control characters…" for bytes below
/// 0x20, DEL, or C1 controls (U+0080–U+009F). Called before anything is stored, so a bad name can never
/// reach the audit log or an XLSX export.
void check_file_name(const std::string& name);
/// The same check without throwing: "" when `name` is fine, else the Chinese-first message.
std::string file_name_problem(const std::string& name);

/// 200 (or `status`) with the JSON document.
Response json_response(const nlohmann::json& j, int status = 200);
/// The request body as a JSON object — the one parser of every JSON route (data and auth routes):
///   415 unsupported_media_type when the Content-Type is not application/json (charset allowed);
///   400 bad_request "请求体不是有效的 JSON：<parser message> / request body is not valid JSON: <parser message>";
///   400 bad_request "请求体必须是 JSON 对象 / request body must be a JSON object" for an array, string, number.
nlohmann::json body_object(const Request& req);
inline nlohmann::json body_object(const Ctx& ctx) { return body_object(ctx.req); }

/// ApiError 404 not_found with "未找到 … / … not found".
[[noreturn]] void not_found(const std::string& what_zh, const std::string& what_en);

/// `?page=&size=`: 1 ≤ page ≤ 10^9 (default 1), 1 ≤ size ≤ 1000 (default 50); 400 bad_request otherwise
/// (a page past the end is not an error: its item list is empty).
struct Paging {
  static constexpr long long kMaxPage = 1'000'000'000;
  long long page = 1, size = 50;
  /// Index of the page's first row among `total` rows: (page-1)·size without overflow, at most `total`.
  long long offset(long long total) const;
  bool all = false;  ///< exports: every matching row
  nlohmann::json wrap(const nlohmann::json& all_items) const;  ///< {"total","page","size","items"}
};
Paging paging(const Request& req);

/// The enterprise an account is confined to: its USCC for role enterprise, "" for every other role.
std::string own_uscc(const Ctx& ctx);
/// True when the request may see enterprise `uscc` (always for zone roles; only its own for enterprise).
bool may_see(const Ctx& ctx, const std::string& uscc);

/// `?year=` as an integer; without it the latest year with data. 404 when the database has no year,
/// 400 for a non-integer.
int year_param(const Ctx& ctx);

/// ServerConfig::schemes_dir, or <resource_root>/schemes when that is empty.
std::string schemes_dir(const Ctx& ctx);

/// True when the account may see run `id`: zone roles see every run; an enterprise account only runs
/// that were published (公示) — an unpublished run is an internal draft.
bool run_visible(const Ctx& ctx, long long id);

/// Evaluation run `id` from a per-process cache (runs are immutable); 404 when there is none
/// or run_visible() is false.
std::shared_ptr<const service::LoadedRun> run_or_404(const Ctx& ctx, long long id);

/// An XLSX download: `write(path)` writes the workbook to a private temporary file, whose bytes become
/// the body (Content-Type spreadsheetml, Content-Disposition: attachment, see file_response).
/// `file_name` is the Chinese name ("评价结果-运行12-2024.xlsx"), `ascii_name` its ASCII fallback
/// ("results-run12-2024.xlsx"). For a HEAD request (ctx.head()) `write` is not called: the same status
/// and headers, no body and no Content-Length (Response::head_without_length).
template <class Write>
Response xlsx_download(const Ctx& ctx, const std::string& file_name, const std::string& ascii_name, Write&& write);
/// A download: Content-Disposition `attachment; filename="<ascii_name>"; filename*=UTF-8''<file_name
/// percent-encoded>` (RFC 6266 / RFC 5987). Characters of `ascii_name` outside printable ASCII, and
/// quotes, backslashes and semicolons, become '_'; an empty `ascii_name` falls back to "download".
Response file_response(std::string bytes, const std::string& content_type, const std::string& file_name,
                       const std::string& ascii_name);
/// The Content-Disposition value file_response sends.
std::string content_disposition(const std::string& file_name, const std::string& ascii_name);
/// A fresh temporary path ending in `suffix` (not created); the caller removes it.
std::string temp_path(const std::string& suffix);
/// Reads and removes `path`.
std::string slurp_and_remove(const std::string& path);

template <class Write>
Response xlsx_download(const Ctx& ctx, const std::string& file_name, const std::string& ascii_name, Write&& write) {
  constexpr const char* kType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  if (ctx.head()) {
    Response r = file_response({}, kType, file_name, ascii_name);
    r.head_without_length = true;
    return r;
  }
  std::string path = temp_path(".xlsx");
  try {
    write(path);
  } catch (...) {
    std::remove(path.c_str());
    throw;
  }
  return file_response(slurp_and_remove(path), kType, file_name, ascii_name);
}

/// A per-process cache of values derived from the database that change only with its data version (the
/// one pattern of the server's caches): one entry per `Key` — a database path, (path, year), or path +
/// route + year — holding the value computed at `Version` (Store::latest_batch_id(), which every import
/// raises; a pair when the value also depends on the latest run).
///   get(key, version, compute): the stored value when the entry of `key` was computed at `version`;
///   otherwise compute() is called OUTSIDE the lock (a slow computation does not hold up other keys), and
///   its result is stored with `version`, replacing the entry of an older (or newer) version, and returned.
///   Two threads that miss the same (key, version) at once may both compute; the last one stores. An
///   exception from compute() propagates and stores nothing.
/// Thread-safe (one mutex). `max_keys` > 0 bounds the keys: when more than max_keys entries are held, the
/// cache is emptied before the next store (at most max_keys + 1 entries); 0 = unbounded.
/// Declare one as a function-local static: `static VersionCache<std::vector<int>> years;`.
template <class T, class Key = std::string, class Version = long long>
class VersionCache {
 public:
  explicit VersionCache(std::size_t max_keys = 0) : max_keys_(max_keys) {}

  template <class Compute>
  T get(const Key& key, const Version& version, Compute&& compute) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (auto it = entries_.find(key); it != entries_.end() && it->second.first == version) return it->second.second;
    }
    T value = compute();
    std::lock_guard<std::mutex> lock(mu_);
    if (max_keys_ > 0 && entries_.size() > max_keys_) entries_.clear();
    entries_.insert_or_assign(key, std::pair<Version, T>(version, value));
    return value;
  }

  /// Number of keys held.
  std::size_t size() const {
    std::lock_guard<std::mutex> lock(mu_);
    return entries_.size();
  }

 private:
  mutable std::mutex mu_;
  std::map<Key, std::pair<Version, T>> entries_;
  std::size_t max_keys_;
};

/// Current time, ISO 8601 UTC ("2026-11-29T08:00:00Z"); `plus_days` added.
std::string now_iso(int plus_days = 0);

}  // namespace mujun::server::api
