// mujun — the snapshot of one year read from the SQLite store (see snapshot.h).
#include "store/sqlite/snapshot.h"

#include <algorithm>
#include <limits>
#include <string_view>
#include <unordered_map>

namespace mujun::store::sqlite {
namespace {

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  std::size_t a = 0;
  for (;;) {
    auto b = s.find(sep, a);
    out.emplace_back(s.substr(a, b == std::string_view::npos ? std::string_view::npos : b - a));
    if (b == std::string_view::npos) break;
    a = b + 1;
  }
  return out;
}

}  // namespace

Frame read_snapshot(Db& db, int year, const PrecedenceOf& precedence) {
  Frame f;
  f.year = year;
  std::unordered_map<std::string_view, std::size_t> idx;  // views into f.uscc (not resized after)
  {
    Stmt st(db, "SELECT uscc, name, industry_code, township, production_start_year FROM enterprises ORDER BY uscc");
    while (st.step()) {
      auto i = f.add_enterprise(st.text(0), st.text(1));
      f.industry_code[i] = st.text(2);
      f.township[i] = st.text(3);
      f.production_start_year[i] = static_cast<int>(st.i64(4));
    }
    for (std::size_t i = 0; i < f.size(); ++i) idx.emplace(f.uscc[i], i);
  }
  {
    Stmt st(db, "SELECT uscc, above_scale, flags FROM statuses WHERE year = ?");
    st.bind(1, year);
    while (st.step()) {
      auto i = idx.at(st.view(0));
      if (!st.is_null(1)) f.above_scale[i] = st.i64(1) ? 1 : 0;
      f.flags[i] = split(st.view(2), '|');
    }
  }
  {
    // Land: per enterprise, the parcels of the latest land year not after `year`; when the land
    // registry has only later years, the earliest of them (parcels rarely change).
    Stmt st(db,
            "WITH pick AS (SELECT uscc, COALESCE(MAX(CASE WHEN year <= ?1 THEN year END), MIN(year)) AS y "
            "FROM land_parcels GROUP BY uscc) "
            "SELECT p.uscc, p.tenure, SUM(p.area_micros) FROM land_parcels p JOIN pick ON p.uscc = pick.uscc "
            "AND p.year = pick.y GROUP BY p.uscc, p.tenure");
    st.bind(1, year);
    while (st.step()) {
      auto i = idx.at(st.view(0));
      (st.view(1) == "owned" ? f.land_owned_m2 : f.land_leased_m2).micros[i] = st.i64(2);
    }
  }
  {
    // Facts of the year, read through the (year, metric) index so that rows arrive grouped by
    // metric: per metric one rank vector decides between sources (precedence), no per-row
    // allocation.
    Stmt st(db, "SELECT metric, uscc, source, value_micros FROM facts INDEXED BY facts_year WHERE year = ? "
                "ORDER BY metric");
    st.bind(1, year);
    std::string metric;
    std::vector<std::string> order;
    std::vector<std::int8_t> rank;
    Column* col = nullptr;
    while (st.step()) {
      std::string_view m = st.view(0);
      if (!col || m != metric) {
        metric.assign(m);
        order = precedence(metric);
        auto it = f.metrics.find(metric);
        if (it == f.metrics.end()) {
          it = f.metrics.emplace(metric, Column{}).first;
          it->second.micros.assign(f.size(), Column::kMissing);
        }
        col = &it->second;
        rank.assign(f.size(), std::numeric_limits<std::int8_t>::max());
      }
      auto e = idx.find(st.view(1));
      if (e == idx.end()) continue;  // cannot happen: facts reference enterprises (foreign key)
      std::string_view source = st.view(2);
      auto r = static_cast<std::int8_t>(std::min<std::ptrdiff_t>(
          std::find(order.begin(), order.end(), source) - order.begin(), 100));
      if (r < rank[e->second]) {
        rank[e->second] = r;
        col->micros[e->second] = st.i64(3);
      }
    }
  }
  {
    Stmt st(db, "SELECT uscc, tier, level, number, issued, expires FROM certificates ORDER BY uscc, tier, issued, number");
    while (st.step())
      f.certificates[idx.at(st.view(0))].push_back({st.text(1), st.text(2), st.text(3), st.text(4), st.text(5)});
  }
  return f;
}

}  // namespace mujun::store::sqlite
