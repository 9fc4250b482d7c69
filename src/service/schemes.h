// mujun service — the evaluation schemes on disk (schemes/*.toml under the resource root, or a
// --schemes-dir): list them, find the one a stored run used (by the SHA-256 of its text), validate
// and save an edited scheme (PUT /api/schemes/{id}). Scheme format: docs/schemes.md.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/issue.h"

namespace mujun::service {

struct SchemeInfo {
  std::string id;      ///< [scheme] id (also the file stem of shipped schemes)
  std::string name;    ///< [scheme] name
  std::string file;    ///< path of the file
  std::string sha256;  ///< of the file's text
  std::string source;  ///< the document the scheme follows
};

/// Every *.toml in `dir` that parses as a scheme, by id. Files that do not parse are left out.
std::vector<SchemeInfo> list_schemes(const std::string& dir);

/// The scheme of `dir` whose id is `id`; nullopt when none.
std::optional<SchemeInfo> find_scheme(const std::string& dir, const std::string& id);

/// The scheme of `dir` whose text has SHA-256 `sha256`; nullopt when none (edited since the run).
std::optional<SchemeInfo> find_scheme_by_sha256(const std::string& dir, const std::string& sha256);

/// Problems of a scheme text (parse + checks: file, line, key, message); empty when it is valid and its
/// [scheme] id equals `id`. `file_name` names the text in the issues.
Issues check_scheme_text(const std::string& text, const std::string& id, const std::string& file_name);

/// Writes `text` to <dir>/<id>.toml (or over the file the scheme with this id already has) through a
/// temporary file renamed into place; returns the path. `id` must be [A-Za-z0-9_-]+ (checked: throws
/// std::invalid_argument otherwise). Throws std::runtime_error when the file cannot be written.
std::string save_scheme(const std::string& dir, const std::string& id, const std::string& text);

}  // namespace mujun::service
