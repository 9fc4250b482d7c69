// Target values: one cell's text through the number/unit parser, with every dimension and header unit.
#include <cmath>
#include <cstring>
#include <string_view>

#include "../fuzz_targets.h"
#include "ingest/units.h"
#include "ingest/values.h"

namespace mujun::fuzz {

int values(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const auto units = ingest::all_units();
  // Byte 0: (byte mod number of units) picks the unit, hence the dimension; the parity of the
  // quotient says whether that unit is the header unit or the column has none.
  const std::size_t pick = data[0];
  const ingest::Unit& u = units[pick % units.size()];
  std::optional<ingest::Unit> header;
  if ((pick / units.size()) % 2 == 0) header = u;
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);

  auto check = [&](const ingest::ParsedValue& v) {
    if (v.state == ingest::ParsedValue::State::Invalid) fuzz_check(!v.issues.empty(), "an invalid value says why");
    if (v.has_value() && v.unit) fuzz_check(v.unit->dimension == u.dimension, "applied unit has the column's dimension");
    for (const auto& i : v.issues) fuzz_check(!i.code.empty() && !i.message.empty(), "issue has code and message");
  };
  check(ingest::parse_value(text, u.dimension, header));
  (void)ingest::is_missing_marker(text);
  if (auto f = ingest::find_unit(text)) fuzz_check(!f->label.empty() && f->den != 0, "found unit is well formed");
  if (size >= 9) {
    double d;
    std::memcpy(&d, data + 1, sizeof d);
    auto v = ingest::parse_number(d, u.dimension, header);
    check(v);
    if (!std::isfinite(d)) fuzz_check(!v.has_value(), "NaN/inf is never a value");
  }
  return 0;
}

}  // namespace mujun::fuzz
