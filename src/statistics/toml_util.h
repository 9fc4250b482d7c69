// mujun statistics — small helpers shared by the TOML parsers of this module (taxonomy, config,
// published overview). Internal header.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "domain/issue.h"

namespace mujun::statistics::detail {

/// An Error issue about a TOML file: `where` is the key path (e.g. "cluster[2].codes"), `line` the
/// 1-based line in the file (0 when unknown).
Issue toml_issue(std::string_view file, long line, std::string_view where, std::string_view raw,
                 std::string_view code, std::string message, Severity sev = Severity::Error);

/// Line of a node (0 when unknown).
long line_of(const toml::node* n);

/// String value of t[key], or nullopt when absent or not a string.
std::optional<std::string> str(const toml::table& t, std::string_view key);

/// A number given as TOML integer, float or decimal string ("290", "260.96"): the text as written
/// (for strings) or a canonical rendering (for numbers). nullopt when absent or not a number.
std::optional<std::string> number_text(const toml::node* n);

}  // namespace mujun::statistics::detail
