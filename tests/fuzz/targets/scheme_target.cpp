// Target scheme: scheme TOML through parse_scheme; an accepted scheme evaluates a small Frame whose
// values include zero land, zero energy, negative tax and missing values (division by zero must give
// a defined result, never a class decided on NaN).
#include <cmath>
#include <string_view>

#include "../fuzz_targets.h"
#include "evaluation/engine.h"
#include "evaluation/scheme.h"

namespace mujun::fuzz {
namespace {

Frame sample_frame(int year) {
  Frame f;
  f.year = year;
  // Six enterprises; metric values in 万元 / tce / 人 …, land in m² (666.67 m² = 1 亩).
  const char* ids[] = {"9150000020286320X6", "91500000202869177Y", "915001106219000001", "915001106219000002",
                       "915001106219000003", "915001106219000004"};
  for (const char* id : ids) f.add_enterprise(id, "企业");
  f.above_scale = {1, 1, 0, 0, -1, 1};
  f.production_start_year = {2000, 2023, 0, 2010, 2015, year};
  constexpr std::int64_t kNone = Column::kMissing;
  f.land_owned_m2.micros = {20'000'000'000, 0, kNone, 1'000'000'000, 0, kNone};  // 30 亩, 0, –, 1.5 亩 …
  f.land_leased_m2.micros = {0, 0, kNone, kNone, 666'670'000, kNone};
  const char* metrics[] = {"tax_paid", "value_added", "gross_output", "revenue", "main_revenue", "energy_tce",
                           "electricity", "emissions", "employees_avg", "rd_expense", "total_profit"};
  const std::int64_t v[6] = {1'500'000'000, 0, -3'000'000, 7'000'000, 1, 12'345'678'901};
  for (std::size_t m = 0; m < std::size(metrics); ++m)
    for (std::size_t i = 0; i < 6; ++i)
      if ((i + m) % 5 != 4) f.set_metric(i, metrics[m], Decimal::from_micros(v[(i + m) % 6]));
  f.flags.assign(6, {});
  f.flags[3] = {"major_safety_accident"};
  f.certificates.assign(6, {});
  return f;
}

}  // namespace

int scheme(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  evaluation::Scheme s;
  try {
    s = evaluation::parse_scheme(text, "fuzz.toml");
  } catch (const evaluation::SchemeError& e) {
    fuzz_check(!e.issues.empty(), "a rejected scheme says why");
    return 0;
  }
  const Frame f = sample_frame(2024);
  const Frame prev = sample_frame(2023);
  auto r = evaluation::evaluate(s, f, s.needs_previous_year() ? &prev : nullptr);
  fuzz_check(r.klass.size() == f.size() && r.total.size() == f.size(), "one result per enterprise");
  for (std::size_t i = 0; i < f.size(); ++i) {
    const char k = r.klass[i];
    fuzz_check(k == 0 || k == 'A' || k == 'B' || k == 'C' || k == 'D' || k == 'T', "class is A-D, T or none");
    // A class from the score (quota or thresholds) needs a number; a veto or 免评 does not.
    using evaluation::ClassRule;
    const ClassRule why = r.class_rule.size() == f.size() ? r.class_rule[i] : ClassRule::None;
    if (why == ClassRule::Quota || why == ClassRule::QuotaTie || why == ClassRule::QuotaFloor ||
        why == ClassRule::Threshold)
      fuzz_check(!std::isnan(r.total[i]) && !std::isinf(r.total[i]), "no class decided on a NaN/inf total");
  }
  return 0;
}

}  // namespace mujun::fuzz
