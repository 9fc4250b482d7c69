// mujun — the request target of an HTTP request ("/api/runs/3/results?page=1&q=%E4%B8%87") split into a
// percent-decoded path and decoded query parameters (application/x-www-form-urlencoded rules: '+' is a
// space in the query, not in the path). Pure functions, used by listener.cpp.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace mujun::server {

/// Percent-decodes `s` ('+' → ' ' when `plus_is_space`). nullopt for a malformed escape ("%G1", "%4")
/// or a decoded NUL byte.
std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space);

struct Target {
  std::string path;                          ///< decoded, starts with '/'
  std::map<std::string, std::string> query;  ///< last occurrence of a name wins
};

/// Splits and decodes an origin-form target. nullopt when it does not start with '/' or an escape is
/// malformed (→ 400).
std::optional<Target> parse_target(std::string_view target);

}  // namespace mujun::server
