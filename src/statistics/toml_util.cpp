#include "statistics/toml_util.h"

#include <fmt/format.h>

namespace mujun::statistics::detail {

Issue toml_issue(std::string_view file, long line, std::string_view where, std::string_view raw,
                 std::string_view code, std::string message, Severity sev) {
  Issue i;
  i.file = std::string(file);
  i.row = line;
  i.column = std::string(where);
  i.raw_value = std::string(raw);
  i.code = std::string(code);
  i.message = std::move(message);
  i.severity = sev;
  return i;
}

long line_of(const toml::node* n) {
  if (!n) return 0;
  return static_cast<long>(n->source().begin.line);
}

std::optional<std::string> str(const toml::table& t, std::string_view key) {
  if (auto v = t[key].value<std::string>()) return *v;
  return std::nullopt;
}

std::optional<std::string> number_text(const toml::node* n) {
  if (!n) return std::nullopt;
  if (auto s = n->value_exact<std::string>()) return *s;
  if (auto i = n->value_exact<int64_t>()) return fmt::format("{}", *i);
  if (auto d = n->value_exact<double>()) return fmt::format("{}", *d);
  return std::nullopt;
}

}  // namespace mujun::statistics::detail
