// gen-zone — synthetic enterprise names and 统一社会信用代码 (USCC).
// Names are invented from syllable lists; any likeness to a real enterprise is accidental.
#pragma once
#include <set>
#include <string>

#include "rng.h"

namespace genzone {

class NameMaker {
 public:
  explicit NameMaker(Rng& rng) : rng_(rng) {}
  /// "重庆" + a two-character brand + `trade` (e.g. "新材料") + a legal-form suffix; unique within this maker.
  std::string company(const std::string& trade, bool joint_stock);

 private:
  Rng& rng_;
  std::set<std::string> used_;
};

/// A valid USCC (GB 32100-2015) registered in 万盛 (region 500110, or 500000 for some older firms):
/// "91" + region + 9-character organisation code (8 body + GB 11714 check) + GB 32100 check character.
/// Firms founded from 2016 get "MA…" bodies as issued since the reform; older firms 8-digit bodies.
/// Unique within `used`. Check characters come from mujun::standards (src/standards/uscc.h).
std::string make_uscc(Rng& rng, int founded, std::set<std::string>& used);

/// The same code with its 18th character replaced by a wrong one (the GB 32100 check then fails), as some
/// early pilot-era codes really are (/work/shared/data/uscc-test-vectors.csv: 91350100M0001TGQXM).
std::string with_failing_check_char(const std::string& uscc);

}  // namespace genzone
