// mujun-bench digest: a SHA-256 of everything an evaluation gives, per scheme — every result column
// (values, points and treatments as read, totals, ranks, classes, rules, order), every cohort's
// benchmarks and counts, the warnings, the result JSON and every 97th enterprise's explanation. Run
// before and after a change of the engine: equal digests mean the change altered no result bit.
#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

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

/// `text` as the inside of a JSON string (quotes, backslashes and control characters escaped).
std::string json_escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

int step_digest(const std::string& db, const std::vector<std::string>& schemes, int year) {
  auto store = store::open_sqlite(db);
  store->migrate();
  // A year without facts still snapshots every registered firm, all values missing: its hash would
  // compare equal to any other such run. Refused, as an empty registry is.
  const std::vector<int> years = store->years();
  const Frame frame = std::ranges::find(years, year) != years.end() ? store->snapshot(year) : Frame{};
  if (frame.size() == 0) {
    std::string have;
    for (const int y : years) have += (have.empty() ? "" : ", ") + std::to_string(y);
    std::fprintf(stderr,
                 "mujun-bench digest: 快照中没有 %d 年的企业（%s 中有数据的年份：%s），请用 --year 选一个 / no "
                 "enterprises in %d (years with data in %s: %s): choose one with --year\n",
                 year, db.c_str(), have.empty() ? "无 / none" : have.c_str(), year, db.c_str(),
                 have.empty() ? "none" : have.c_str());
    return 1;
  }
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
    std::printf("{\"step\": \"digest\", \"scheme\": \"%s\", \"file\": \"%s\", \"enterprises\": %zu, \"sha256\": \"%s\"}\n",
                json_escape(s.id).c_str(), json_escape(path).c_str(), frame.size(), h.hex().c_str());
  }
  return 0;
}

}  // namespace mujun::bench
