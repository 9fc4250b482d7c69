// mujun — static files of the dashboard (web/dist) for every path outside /api/ (contract: "Static").
// No directory listing; a path with a ".." segment, a backslash or a NUL is refused (400); a path that
// resolves outside the web root (symbolic link) is 404; an unknown path WITHOUT a file extension gets
// index.html (SPA history mode: /results/3 is a dashboard route); an unknown path WITH an extension
// (/assets/missing.js) is 404, so a missing script never arrives as HTML.
#pragma once
#include <string>

#include "server/http.h"

namespace mujun::server {

/// Content-Type of a file name by extension: html, js/mjs, css, svg, png, jpg/jpeg, gif, webp, json,
/// map, woff, woff2, ttf, ico, txt, xlsx, pdf; "application/octet-stream" otherwise.
std::string content_type_for(const std::string& file_name);

/// The response for GET `path` (decoded, starts with '/') under `web_root`. Cache-Control: files under
/// /assets/ (Vite's content-hashed names) "public, max-age=31536000, immutable"; others (index.html) "no-cache".
/// `web_root` "" → 404 JSON saying no dashboard is configured.
Response serve_static(const std::string& web_root, const std::string& path);

}  // namespace mujun::server
