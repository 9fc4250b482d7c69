// Target uscc: a USCC cell through GB 32100-2015 validation.
#include <string_view>

#include "../fuzz_targets.h"
#include "standards/uscc.h"

namespace mujun::fuzz {

int uscc(const std::uint8_t* data, std::size_t size) {
  std::string_view raw(reinterpret_cast<const char*>(data), size);
  auto r = standards::validate_uscc(raw);
  if (r.ok()) {
    const std::string& c = *r.code;
    fuzz_check(c.size() == 18, "accepted code has 18 characters");
    static constexpr std::string_view kSet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    for (char ch : c) fuzz_check(kSet.find(ch) != std::string_view::npos, "accepted code uses the GB 32100 set");
    const char check = standards::uscc_check_char(std::string_view(c).substr(0, 17));
    fuzz_check(check != '\0', "check char defined for an accepted code");
    bool warned = false;
    for (const auto& i : r.issues) warned |= i.code == "uscc.check_char";
    fuzz_check(warned == (check != c[17]), "check-char warning iff the check fails");
    // Normalising is idempotent: the normalised code validates to itself.
    auto again = standards::validate_uscc(c);
    fuzz_check(again.ok() && *again.code == c, "validation is idempotent");
  } else {
    fuzz_check(!r.issues.empty(), "a rejected code says why");
  }
  if (size >= 8) (void)standards::org_code_check_char(raw.substr(0, 8));
  if (size >= 17) (void)standards::uscc_check_char(raw.substr(0, 17));
  return 0;
}

}  // namespace mujun::fuzz
