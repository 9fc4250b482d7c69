// mujun — request dispatch with authentication, CSRF, permissions and error mapping (see dispatch.h).
#include "server/dispatch.h"

#include <iostream>
#include <nlohmann/json.hpp>

#include "server/api_common.h"
#include "server/auth.h"
#include "server/session.h"
#include "store/platform.h"

namespace mujun::server {

Response error_response(int status, const std::string& code, const std::string& message) {
  nlohmann::json j = {{"error", {{"code", code}, {"message", message}}}};
  return json(status, api::safe_dump(j));  // messages echo request bytes: never the strict dump
}

namespace {

bool changes_state(const std::string& method) { return method == "POST" || method == "PUT" || method == "DELETE"; }

Response run(const Router& router, Request& req, store::Store& store, store::PlatformStore& platform,
             const ServerConfig& config) {
  // No route has bytes that are not UTF-8 in its path: such a path is not found (and never reaches a
  // handler as a path parameter).
  if (!api::valid_utf8(req.path)) return error_response(404, "not_found", "未找到 / not found: " + req.path);
  // Query parameters are text: a value that is not UTF-8 (a GBK client, a probe) is refused here, once,
  // before a handler stores it or echoes it; `file` is a file name (upload routes): control characters too.
  for (auto& [name, value] : req.query) {
    if (!api::valid_utf8(name) || !api::valid_utf8(value)) {
      if (name == "file") api::check_file_name(value);
      throw ApiError(400, "bad_request", "查询参数 " + name + " 不是有效的 UTF-8 / query parameter " + name +
                                             " is not valid UTF-8");
    }
    if (name == "file") api::check_file_name(value);
  }
  bool path_exists = false;
  // HEAD is answered as GET without the body (RFC 9110 §9.3.2; the listener drops the body and keeps
  // Content-Length), so HEAD on a GET route is not a 405. Exports build no workbook for it and write no
  // audit entry (Ctx::head, api::xlsx_download).
  const std::string method = req.method == "HEAD" ? std::string("GET") : req.method;
  const auto* route = router.match(method, req.path, req.params, &path_exists);
  if (!route) {
    if (path_exists) {
      auto r = error_response(405, "method_not_allowed",
                              "此路径不支持 " + req.method + " 方法 / method " + req.method + " not allowed here");
      return r;
    }
    return error_response(404, "not_found", "未找到 / not found: " + req.path);
  }
  std::optional<Principal> user;
  if (route->need != Permission::none) {
    user = resolve_session(platform, cookie_value(req.header("cookie"), kSessionCookie));
    if (!user) return error_response(401, "unauthorized", "未登录或登录已过期，请重新登录 / not signed in or session expired");
    if (changes_state(req.method) && !same_secret(req.header("x-csrf-token"), user->csrf_token))
      return error_response(403, "csrf",
                            "缺少或错误的 CSRF 令牌（X-CSRF-Token 头），请刷新页面后重试 / missing or wrong CSRF token");
    if (!user->has(route->need)) return error_response(403, "forbidden", "无权执行此操作 / forbidden for this account");
  }
  Ctx ctx{req, user ? &*user : nullptr, store, platform, config};
  return route->handler(ctx);
}

}  // namespace

Response dispatch(const Router& router, Request& req, store::Store& store, store::PlatformStore& platform,
                  const ServerConfig& config) {
  try {
    return run(router, req, store, platform, config);
  } catch (const ApiError& e) {
    return error_response(e.status, e.code, e.what());
  } catch (const std::exception& e) {
    // Request bodies are parsed by api::body_object (400/415 as ApiError); a json::parse_error or
    // type_error reaching here comes from stored data and is the server's fault.
    std::cerr << "mujun serve: 500 " << req.method << " " << req.path << ": " << e.what() << "\n";
    return error_response(500, "internal", "服务器内部错误，详情见服务器日志 / internal error (details in the server log)");
  } catch (...) {
    std::cerr << "mujun serve: 500 " << req.method << " " << req.path << ": unknown exception\n";
    return error_response(500, "internal", "服务器内部错误，详情见服务器日志 / internal error (details in the server log)");
  }
}

}  // namespace mujun::server
