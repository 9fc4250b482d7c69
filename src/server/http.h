// mujun — the HTTP API's shared types: request, response, structured errors, the signed-in principal,
// and the router that maps "/api/..." routes to handlers with a required permission.
//
// Boost.Beast stays inside src/server/*.cpp (listener.cpp); handlers only see these plain types, so
// the API can be tested without sockets and the Beast headers are compiled once.
// Every response body of /api/ is JSON except the file downloads (XLSX, attachments).
// Errors: {"error": {"code": "...", "message": "中文 / English"}} with the HTTP status (ApiError).
#pragma once
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace mujun::store {
class Store;
class PlatformStore;
}  // namespace mujun::store

namespace mujun::server {

struct Request {
  std::string method;                         ///< "GET", "POST", "PUT", "DELETE"
  std::string path;                           ///< decoded path without the query ("/api/runs/3/results")
  std::map<std::string, std::string> query;   ///< decoded query parameters (last one wins)
  std::map<std::string, std::string> headers; ///< lower-case names
  std::map<std::string, std::string> params;  ///< path parameters from the route pattern ({id} → "3")
  std::string body;                           ///< raw body (size-limited by the listener)
  std::string remote;                         ///< client address ("127.0.0.1")

  /// Query parameter or "" when absent.
  std::string q(const std::string& name) const {
    auto it = query.find(name);
    return it == query.end() ? std::string() : it->second;
  }
  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  ///< extra headers (Set-Cookie, Content-Disposition)
  /// A HEAD answer whose body was never made (an XLSX export, api::xlsx_download): the listener sends no
  /// Content-Length — it would have to build the workbook to know it (RFC 9110 §9.3.2 and §8.6 let a HEAD
  /// answer leave it out). Every other HEAD answer carries the Content-Length of its GET.
  bool head_without_length = false;
};

/// Thrown by handlers; the router turns it into {"error":{"code","message"}} with `status`.
/// `message` is Chinese first, then English: "未登录 / not signed in".
struct ApiError : std::runtime_error {
  int status;
  std::string code;  ///< stable machine code: "unauthorized", "forbidden", "not_found", "bad_request", "conflict",
                     ///< "csrf", "rate_limited", "too_large", "invalid_input", "unsupported_media_type", "internal"
  ApiError(int status_, std::string code_, const std::string& message)
      : std::runtime_error(message), status(status_), code(std::move(code_)) {}
};

/// What a route requires. Roles grant permissions (auth.cpp):
///   admin: all; analyst: read, read_own, export*, import, evaluate, publish, resolve; viewer: read, read_own,
///   export*; enterprise: read_own, export*, object.   (* only when the account's can_export is set)
/// `read` = zone-wide data (overview, clusters, lists, audit-free reads) — never an enterprise account.
/// `read_own` = routes an enterprise account may call too: the HANDLER must then restrict every row, filter
/// and export to user->enterprise_uscc (404 for another enterprise's id, as if it did not exist).
enum class Permission { none, read, read_own, export_data, import_data, evaluate, publish, resolve, object, admin };

/// The signed-in account of a request.
struct Principal {
  long long user_id = 0;
  std::string name;
  std::string role;             ///< admin | analyst | viewer | enterprise
  std::string enterprise_uscc;  ///< role enterprise: the only enterprise whose data it may see
  bool can_export = false;
  std::string csrf_token;
  bool has(Permission p) const;  ///< defined in auth.cpp
  bool is_enterprise() const { return role == "enterprise"; }
};

/// Server-wide settings handlers may read.
struct ServerConfig {
  std::string db_path;        ///< SQLite database
  std::string resource_root;  ///< schemes/, taxonomies/, tiers/ (cli::resource_root())
  std::string schemes_dir;    ///< evaluation schemes read and saved by /api/schemes and /api/runs; "" = <resource_root>/schemes
  std::string web_root;       ///< built dashboard (web/dist); "" = no static files
  std::size_t body_limit = 32u << 20;  ///< bytes; larger requests get 413
  /// `serve --trust-proxy`: X-Real-IP from a loopback peer (nginx on this host, docs/deploy.md) is the
  /// client address of Request::remote (login rate limiting, audit). Off: the header is ignored, so a
  /// client cannot choose the address it is counted under.
  bool trust_proxy = false;
  /// `serve --max-connections`: open connections beyond this are closed at once (keeps file descriptors for
  /// the database and the clients already served; systemd's default LimitNOFILE is 1024).
  std::size_t max_connections = 512;
};

/// What a handler gets: the request, the principal (nullptr only on routes with Permission::none),
/// this worker thread's own database connections, and the audit log.
struct Ctx {
  const Request& req;
  const Principal* user;
  store::Store& store;
  store::PlatformStore& platform;
  const ServerConfig& config;
  /// Appends to the audit log as this user from this address. `detail_json` is a JSON object.
  /// A HEAD request writes nothing: it is answered like its GET route but downloads nothing (the only
  /// audits of GET routes are the XLSX exports, whose HEAD builds no workbook).
  void audit(const std::string& action, const std::string& detail_json) const;
  /// True for a HEAD request (routed as GET: the handler may skip making a body nobody receives).
  bool head() const { return req.method == "HEAD"; }
};

using Handler = std::function<Response(Ctx&)>;

/// Routes: pattern segments "{name}" bind Request::params. Dispatch order: exact method + pattern.
/// The router checks the session (401 without one, except Permission::none), the permission (403),
/// and the CSRF header on every POST/PUT/DELETE (403 "csrf"), before calling the handler.
class Router {
 public:
  void add(const std::string& method, const std::string& pattern, Permission need, Handler h);
  struct Route {
    std::string method;
    std::vector<std::string> segments;
    Permission need;
    Handler handler;
  };
  const std::vector<Route>& routes() const { return routes_; }
  /// Finds the route for method + path and fills `params`; nullptr when none matches.
  /// `path_exists` is set when a route matches the path with another method (→ 405).
  const Route* match(const std::string& method, const std::string& path, std::map<std::string, std::string>& params,
                     bool* path_exists) const;

 private:
  std::vector<Route> routes_;
};

/// JSON helpers for handlers.
Response json(int status, const std::string& body);
/// Raises ApiError(400, "bad_request") naming the parameter when `text` is not an integer.
long long to_int(const std::string& text, const std::string& param_name);

}  // namespace mujun::server
