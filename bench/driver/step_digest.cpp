// mujun-bench digest: a SHA-256 of everything an evaluation gives, per scheme — every result column
// (values, points and treatments as read, totals, ranks, classes, rules, order), every cohort's
// benchmarks and counts, the warnings, the result JSON and every 97th enterprise's explanation. Run
// before and after a change of the engine: equal digests mean the change altered no result bit.
#include <bit>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "domain/sha256.h"
#include "evaluation/engine.h"
#include "evaluation/explain.h"
#include "evaluation/result_json.h"
#include "steps.h"
#include "store/store.h"

namespace mujun::bench {
namespace {

template <class Range>
void add(Sha256& h, const Range& column) {
  for (const auto& x : column) {
    if constexpr (std::is_same_v<std::decay_t<decltype(x)>, double>) {
      const std::uint64_t bits = std::bit_cast<std::uint64_t>(x);
      h.update(std::string_view(reinterpret_cast<const char*>(&bits), sizeof bits));
    } else {
      h.update(std::string_view(reinterpret_cast<const char*>(&x), sizeof x));
    }
  }
  h.update("|");
}

}  // namespace

int step_digest(const std::string& db, const std::vector<std::string>& schemes, int year) {
  auto store = store::open_sqlite(db);
  store->migrate();
  const Frame frame = store->snapshot(year);
  Frame previous;
  bool have_previous = false;
  for (const std::string& path : schemes) {
    const evaluation::Scheme s = evaluation::load_scheme(path);
    if (s.needs_previous_year() && !have_previous) {
      previous = store->snapshot(year - 1);
      have_previous = true;
    }
    const auto r = evaluation::evaluate(s, frame, s.needs_previous_year() ? &previous : nullptr);
    Sha256 h;
    add(h, r.land_mu);
    add(h, r.cohort);
    add(h, r.special);
    for (std::size_t k = 0; k < r.value.size(); ++k) {
      add(h, r.value[k]);
      add(h, r.points[k].to_vector());
      add(h, r.treatment[k].to_vector());
    }
    add(h, r.indicator_total);
    add(h, r.adjustment_total);
    add(h, r.total);
    add(h, r.adjustments);
    add(h, r.rank);
    add(h, r.klass);
    add(h, r.class_rule);
    add(h, r.order);
    for (const auto& c : r.cohorts) {
      add(h, std::vector<int>{c.members, c.pool, c.special, c.vetoed});
      add(h, c.seats);
      add(h, c.counts);
      add(h, c.benchmark);
      add(h, c.low);
      add(h, c.high);
      add(h, c.average_points);
      add(h, c.benchmark_firms);
    }
    for (const auto& w : r.warnings) h.update(w + "\n");
    h.update(evaluation::result_json(s, frame, r));
    for (std::size_t i = 0; i < frame.size(); i += 97) h.update(evaluation::explain(s, frame, r, i));
    std::printf("{\"step\": \"digest\", \"scheme\": \"%s\", \"enterprises\": %zu, \"sha256\": \"%s\"}\n", s.id.c_str(),
                frame.size(), h.hex().c_str());
  }
  return 0;
}

}  // namespace mujun::bench
