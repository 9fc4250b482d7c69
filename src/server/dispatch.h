// mujun — one request through the route table: the session cookie → Principal, then 401 (no or expired
// session), 403 "csrf" (POST/PUT/DELETE without the session's X-CSRF-Token), 403 "forbidden" (role lacks
// the route's Permission), 405 (path known, method not), 404 (no such route), the handler, and errors as
// JSON {"error":{"code","message"}}: ApiError with its status; JSON parse errors 400 (logged); any other
// exception 500 "internal" whose details go to stderr only. Contract: /work/notes/api-contract.md.
// Before routing: a path that is not UTF-8 → 404; a query name or value that is not UTF-8 → 400; the query
// parameter `file` (upload and attachment names) also → 400 for control characters (api::check_file_name).
// HEAD is routed as GET. Error bodies are serialised leniently (invalid UTF-8 → U+FFFD), never throwing.
#pragma once
#include "server/http.h"

namespace mujun::server {

/// Handles `req` (an /api/ path) with `router` on this thread's connections. Never throws.
Response dispatch(const Router& router, Request& req, store::Store& store, store::PlatformStore& platform,
                  const ServerConfig& config);

/// {"error":{"code":…,"message":…}} with `status`; bytes of `message` that are not UTF-8 become U+FFFD.
Response error_response(int status, const std::string& code, const std::string& message);

}  // namespace mujun::server
