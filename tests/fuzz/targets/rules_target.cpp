// Target rules: a tier rule-set TOML through parse_rule_set.
#include <string_view>

#include "../fuzz_targets.h"
#include "tiers/rules.h"

namespace mujun::fuzz {

int rules(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    (void)tiers::parse_rule_set(text, "fuzz.toml");
  } catch (const tiers::RuleError& e) {
    fuzz_check(std::string_view(e.what()).size() > 0, "a rejected rule set says why");
  }
  return 0;
}

}  // namespace mujun::fuzz
