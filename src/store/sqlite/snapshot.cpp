// mujun — the snapshot of one year read from the SQLite store's tables (see snapshot.h).
//
// Rows refer to enterprises by their integer id (migration 4), mapped to frame positions through an
// array. The registry, statuses and parcels are read by one sequential scan each; facts by one range
// of their covering index per (metric, source) of the year, two integers per row, best source
// first. Text is read through views (Stmt::view), copied only into the Frame.
#include "store/sqlite/snapshot.h"

#include <algorithm>
#include <climits>
#include <cstring>
#include <numeric>
#include <string_view>
#include <unordered_map>

#include "store/sqlite/huge_pages.h"
#include "store/store.h"

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

template <class T>
void permute(std::vector<T>& v, const std::vector<std::uint32_t>& order) {
  std::vector<T> out;
  reserve_huge(out, v.size());
  for (auto i : order) out.push_back(std::move(v[i]));
  v = std::move(out);
}

/// Frame index of each enterprise id (enterprises.id, migration 4): a vector indexed by id, whose
/// ids are the table's rowids (dense: enterprises are never deleted by mujun; sparse ids cost 4
/// bytes each, capped at 2^26 ids and else looked up in a hash map).
class EnterpriseIds {
 public:
  void build(const std::vector<std::int64_t>& ids, const std::vector<std::uint32_t>& frame_index) {
    std::int64_t max_id = 0;
    for (auto id : ids) max_id = std::max(max_id, id);
    dense_ = max_id >= 0 && max_id < (std::int64_t{1} << 26);
    if (dense_) pos_.assign(static_cast<std::size_t>(max_id) + 1, kNone);
    for (std::size_t k = 0; k < ids.size(); ++k)
      if (dense_ && ids[k] >= 0) pos_[static_cast<std::size_t>(ids[k])] = frame_index[k];
      else sparse_[ids[k]] = frame_index[k];
  }
  /// Frame index of enterprise `id`, or -1 when there is none.
  std::ptrdiff_t find(std::int64_t id) const {
    if (dense_ && id >= 0) {
      if (static_cast<std::uint64_t>(id) >= pos_.size() || pos_[id] == kNone) return -1;
      return pos_[id];
    }
    auto it = sparse_.find(id);
    return it == sparse_.end() ? -1 : static_cast<std::ptrdiff_t>(it->second);
  }

 private:
  static constexpr std::uint32_t kNone = UINT32_MAX;
  bool dense_ = true;
  std::vector<std::uint32_t> pos_;
  std::unordered_map<std::int64_t, std::uint32_t> sparse_;
};

/// The order that sorts `uscc` (byte order, as std::string's operator<). USCCs of 18 bytes — all of
/// them, the table checks the length and the importer the characters — are compared as three
/// big-endian integers instead of as strings.
std::vector<std::uint32_t> uscc_order(const std::vector<std::string>& uscc) {
  std::vector<std::uint32_t> order(uscc.size());
  std::iota(order.begin(), order.end(), 0u);
  const bool fixed = std::all_of(uscc.begin(), uscc.end(), [](const std::string& u) { return u.size() == 18; });
  if (!fixed) {
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return uscc[a] < uscc[b]; });
    return order;
  }
  struct Key {
    std::uint64_t hi, lo;
    std::uint32_t tail, index;
  };
  auto be64 = [](const char* p) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    return __builtin_bswap64(v);
  };
  std::vector<Key> keys(uscc.size());
  for (std::uint32_t i = 0; i < uscc.size(); ++i) {
    const char* p = uscc[i].data();
    keys[i] = {be64(p), be64(p + 8),
               (static_cast<std::uint32_t>(static_cast<unsigned char>(p[16])) << 8) | static_cast<unsigned char>(p[17]), i};
  }
  std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
    if (a.hi != b.hi) return a.hi < b.hi;
    if (a.lo != b.lo) return a.lo < b.lo;
    return a.tail < b.tail;
  });
  for (std::size_t k = 0; k < keys.size(); ++k) order[k] = keys[k].index;
  return order;
}

// Registry attributes in USCC order (the table's own order when it is sorted, else one sort), and
// the frame index of every enterprise id.
void read_enterprises(Db& db, Frame& f, EnterpriseIds& ids) {
  std::size_t hint = 0;
  {
    Stmt st(db, "SELECT max(id) FROM enterprises");
    // max(id) is one B-tree descent; only a hint (capped: ids may be sparse).
    if (st.step()) hint = static_cast<std::size_t>(std::clamp<std::int64_t>(st.i64(0), 0, 1 << 24));
  }
  std::vector<std::int64_t> id;
  reserve_huge(id, hint);
  reserve_huge(f.uscc, hint); reserve_huge(f.name, hint); reserve_huge(f.industry_code, hint);
  reserve_huge(f.township, hint); reserve_huge(f.production_start_year, hint);
  Stmt st(db, "SELECT id, uscc, name, industry_code, township, production_start_year FROM enterprises");
  bool sorted = true;
  while (st.step()) {
    id.push_back(st.i64(0));
    std::string_view u = st.view(1);
    if (!f.uscc.empty() && !(f.uscc.back() < u)) sorted = false;
    f.uscc.emplace_back(u);
    f.name.emplace_back(st.view(2));
    f.industry_code.emplace_back(st.view(3));
    f.township.emplace_back(st.view(4));
    f.production_start_year.push_back(static_cast<int>(st.i64(5)));
  }
  std::vector<std::uint32_t> order;
  if (!sorted) {
    order = uscc_order(f.uscc);
    permute(f.uscc, order); permute(f.name, order); permute(f.industry_code, order); permute(f.township, order);
    permute(f.production_start_year, order);
  }
  std::vector<std::uint32_t> frame_index(id.size());
  for (std::uint32_t k = 0; k < id.size(); ++k) frame_index[sorted ? k : order[k]] = k;
  ids.build(id, frame_index);
  const std::size_t n = f.uscc.size();
  assign_huge(f.above_scale, n, std::int8_t{-1});
  assign_huge(f.land_owned_m2.micros, n, Column::kMissing);
  assign_huge(f.land_leased_m2.micros, n, Column::kMissing);
  resize_huge(f.flags, n);
  resize_huge(f.certificates, n);
}

void read_statuses(Db& db, int year, Frame& f, const EnterpriseIds& ids) {
  Stmt st(db, "SELECT enterprise_id, above_scale, flags FROM statuses NOT INDEXED WHERE year = ?");
  st.bind(1, year);
  while (st.step()) {
    auto i = ids.find(st.i64(0));
    if (i < 0) continue;  // cannot happen: statuses reference enterprises (foreign key)
    if (!st.is_null(1)) f.above_scale[i] = st.i64(1) ? 1 : 0;
    if (auto fl = st.view(2); !fl.empty()) f.flags[i] = split(fl, '|');
  }
}

// Land: per enterprise, the parcels of the latest land year not after `year`; when the land
// registry has only later years, the earliest of them (parcels rarely change). One pass: a parcel
// of a better year than the enterprise's current one restarts its sums.
void read_land(Db& db, int year, Frame& f, const EnterpriseIds& ids) {
  constexpr std::int64_t kNone = INT64_MIN;
  std::vector<std::int64_t> best(f.size(), kNone);
  auto key = [year](std::int64_t y) { return y <= year ? y + (std::int64_t{1} << 40) : -y; };
  Stmt st(db, "SELECT enterprise_id, year, tenure = 'owned', area_micros FROM land_parcels NOT INDEXED");
  while (st.step()) {
    auto i = ids.find(st.i64(0));
    if (i < 0) continue;  // cannot happen: parcels reference enterprises (foreign key)
    const std::int64_t k = key(st.i64(1));
    if (k < best[i]) continue;
    if (k > best[i]) {
      best[i] = k;
      f.land_owned_m2.micros[i] = f.land_leased_m2.micros[i] = Column::kMissing;
    }
    auto& sum = (st.i64(2) ? f.land_owned_m2 : f.land_leased_m2).micros[i];
    const std::int64_t a = st.i64(3);
    if (sum == Column::kMissing) sum = a;
    else if (__builtin_add_overflow(sum, a, &sum))
      throw StoreError("地块面积合计溢出 / land area sum overflows for enterprise " + f.uscc[i]);
  }
}

// Facts of `year`: per metric the value of the source ranked first by the precedence (sources not in
// it last, in name order). The (metric, source) groups of the year are found by seeks in the covering
// index facts_year (year, metric, source, enterprise_id, value_micros); each group is then one range
// of that index, two integers per row, read from the best-ranked source down, an enterprise keeping
// the first value it gets.
void read_facts(Db& db, int year, Frame& f, const EnterpriseIds& ids, const PrecedenceOf& precedence) {
  std::vector<std::pair<std::string, std::vector<std::string>>> groups;  // metric → its sources
  {
    Stmt next(db, "SELECT metric, source FROM facts INDEXED BY facts_year WHERE year = ?1 AND (metric, source) > (?2, ?3) "
                  "ORDER BY metric, source LIMIT 1");
    std::string metric, source;
    for (;;) {
      next.bind(1, year).bind(2, metric).bind(3, source);
      if (!next.step()) break;
      metric = next.text(0);
      source = next.text(1);
      next.reset();
      if (groups.empty() || groups.back().first != metric) groups.push_back({metric, {}});
      groups.back().second.push_back(source);
    }
  }
  Stmt st(db, "SELECT enterprise_id, value_micros FROM facts INDEXED BY facts_year WHERE year = ? AND metric = ? AND source = ?");
  std::vector<std::uint8_t> done(f.size());
  for (auto& [metric, sources] : groups) {
    auto it = f.metrics.find(metric);
    if (it == f.metrics.end()) {
      it = f.metrics.emplace(metric, Column{}).first;
      assign_huge(it->second.micros, f.size(), Column::kMissing);
    }
    auto& col = it->second.micros;
    const std::vector<std::string> order = precedence(metric);
    auto rank = [&](const std::string& s) { return std::find(order.begin(), order.end(), s) - order.begin(); };
    std::stable_sort(sources.begin(), sources.end(), [&](auto& a, auto& b) { return rank(a) < rank(b); });
    std::fill(done.begin(), done.end(), 0);
    for (auto& source : sources) {
      st.bind(1, year).bind(2, metric).bind(3, source);
      while (st.step()) {
        auto i = ids.find(st.i64(0));
        if (i < 0 || done[i]) continue;  // i < 0 cannot happen: facts reference enterprises (foreign key)
        done[i] = 1;
        col[i] = st.i64(1);
      }
      st.reset();
    }
  }
}

void read_certificates(Db& db, Frame& f, const EnterpriseIds& ids) {
  Stmt st(db, "SELECT enterprise_id, tier, level, number, issued, expires FROM certificates "
              "ORDER BY enterprise_id, tier, issued, number");
  while (st.step()) {
    auto i = ids.find(st.i64(0));
    if (i < 0) continue;  // cannot happen: certificates reference enterprises (foreign key)
    f.certificates[i].push_back({st.text(1), st.text(2), st.text(3), st.text(4), st.text(5)});
  }
}

}  // namespace

Frame read_snapshot(Db& db, int year, const PrecedenceOf& precedence) {
  Frame f;
  f.year = year;
  EnterpriseIds ids;
  read_enterprises(db, f, ids);
  read_statuses(db, year, f, ids);
  read_land(db, year, f, ids);
  read_facts(db, year, f, ids, precedence);
  read_certificates(db, f, ids);
  return f;
}

}  // namespace mujun::store::sqlite
