// mujun — the snapshot of one year read from the SQLite store's tables (see snapshot.h).
//
// One sequential scan per table (no index walks, no per-row table seeks), enterprises found through
// an open-addressing table of their USCCs with a shortcut for rows that follow the previous row's
// enterprise, metric and source strings turned into small integers once, one precedence rank per
// (metric, source) pair and one rank byte per enterprise and metric. Text is read through views
// (Stmt::view), copied only into the Frame.
#include "store/sqlite/snapshot.h"

#include <algorithm>
#include <climits>
#include <cstring>
#include <numeric>
#include <string_view>

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
  out.reserve(v.size());
  for (auto i : order) out.push_back(std::move(v[i]));
  v = std::move(out);
}

/// Enterprise index by USCC: open addressing over the Frame's sorted USCC column; `find` first tries
/// the enterprise after the previous hit (rows of a table often follow the registry's order).
class EnterpriseIndex {
 public:
  explicit EnterpriseIndex(const std::vector<std::string>& uscc) : uscc_(uscc) {
    std::size_t cap = 16;
    while (cap < uscc.size() * 2) cap <<= 1;
    mask_ = cap - 1;
    slots_.assign(cap, kEmpty);
    for (std::uint32_t i = 0; i < uscc.size(); ++i) {
      std::size_t h = hash(uscc[i]) & mask_;
      while (slots_[h] != kEmpty) h = (h + 1) & mask_;
      slots_[h] = i;
    }
  }
  /// Index of `u`, or -1 when it is not in the registry.
  std::ptrdiff_t find(std::string_view u) {
    if (last_ < uscc_.size() && uscc_[last_] == u) return static_cast<std::ptrdiff_t>(last_);
    if (last_ + 1 < uscc_.size() && uscc_[last_ + 1] == u) return static_cast<std::ptrdiff_t>(++last_);
    for (std::size_t h = hash(u) & mask_; slots_[h] != kEmpty; h = (h + 1) & mask_)
      if (uscc_[slots_[h]] == u) return static_cast<std::ptrdiff_t>(last_ = slots_[h]);
    return -1;
  }

 private:
  static constexpr std::uint32_t kEmpty = UINT32_MAX;
  static std::size_t hash(std::string_view s) {  // FNV-1a, 64 bit
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    return static_cast<std::size_t>(h ^ (h >> 29));
  }
  const std::vector<std::string>& uscc_;
  std::vector<std::uint32_t> slots_;
  std::size_t mask_ = 0;
  std::size_t last_ = SIZE_MAX;
};

/// Small-integer ids of the few distinct strings of a column (metric ids, source names).
class Interner {
 public:
  /// Id of `s`; `added` is set when `s` was not seen before.
  std::size_t id(std::string_view s, bool& added) {
    added = false;
    if (last_ < names_.size() && names_[last_] == s) return last_;
    for (std::size_t i = 0; i < names_.size(); ++i)
      if (names_[i] == s) return last_ = i;
    names_.emplace_back(s);
    added = true;
    return last_ = names_.size() - 1;
  }
  const std::string& name(std::size_t i) const { return names_[i]; }
  std::size_t size() const { return names_.size(); }

 private:
  std::vector<std::string> names_;
  std::size_t last_ = SIZE_MAX;
};

// Registry attributes in USCC order (the table's own order when it is sorted, else one sort).
void read_enterprises(Db& db, Frame& f) {
  std::size_t hint = 0;
  {
    Stmt st(db, "SELECT max(rowid) FROM enterprises");
    // max(rowid) is one B-tree descent; only a hint (capped: rowids may be sparse).
    if (st.step()) hint = static_cast<std::size_t>(std::clamp<std::int64_t>(st.i64(0), 0, 1 << 24));
  }
  f.uscc.reserve(hint); f.name.reserve(hint); f.industry_code.reserve(hint); f.township.reserve(hint);
  f.production_start_year.reserve(hint);
  Stmt st(db, "SELECT uscc, name, industry_code, township, production_start_year FROM enterprises NOT INDEXED");
  bool sorted = true;
  while (st.step()) {
    std::string_view u = st.view(0);
    if (!f.uscc.empty() && !(f.uscc.back() < u)) sorted = false;
    f.uscc.emplace_back(u);
    f.name.emplace_back(st.view(1));
    f.industry_code.emplace_back(st.view(2));
    f.township.emplace_back(st.view(3));
    f.production_start_year.push_back(static_cast<int>(st.i64(4)));
  }
  if (!sorted) {
    std::vector<std::uint32_t> order(f.uscc.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return f.uscc[a] < f.uscc[b]; });
    permute(f.uscc, order); permute(f.name, order); permute(f.industry_code, order); permute(f.township, order);
    permute(f.production_start_year, order);
  }
  const std::size_t n = f.uscc.size();
  f.above_scale.assign(n, -1);
  f.land_owned_m2.micros.assign(n, Column::kMissing);
  f.land_leased_m2.micros.assign(n, Column::kMissing);
  f.flags.resize(n);
  f.certificates.resize(n);
}

void read_statuses(Db& db, int year, Frame& f, EnterpriseIndex& idx) {
  Stmt st(db, "SELECT uscc, above_scale, flags FROM statuses NOT INDEXED WHERE year = ?");
  st.bind(1, year);
  while (st.step()) {
    auto i = idx.find(st.view(0));
    if (i < 0) continue;  // cannot happen: statuses reference enterprises (foreign key)
    if (!st.is_null(1)) f.above_scale[i] = st.i64(1) ? 1 : 0;
    if (auto fl = st.view(2); !fl.empty()) f.flags[i] = split(fl, '|');
  }
}

// Land: per enterprise, the parcels of the latest land year not after `year`; when the land
// registry has only later years, the earliest of them (parcels rarely change). One pass: a parcel
// of a better year than the enterprise's current one restarts its sums.
void read_land(Db& db, int year, Frame& f, EnterpriseIndex& idx) {
  constexpr std::int64_t kNone = INT64_MIN;
  std::vector<std::int64_t> best(f.size(), kNone);
  auto key = [year](std::int64_t y) { return y <= year ? y + (std::int64_t{1} << 40) : -y; };
  Stmt st(db, "SELECT uscc, year, tenure, area_micros FROM land_parcels NOT INDEXED");
  while (st.step()) {
    auto i = idx.find(st.view(0));
    if (i < 0) continue;  // cannot happen: parcels reference enterprises (foreign key)
    const std::int64_t k = key(st.i64(1));
    if (k < best[i]) continue;
    if (k > best[i]) {
      best[i] = k;
      f.land_owned_m2.micros[i] = f.land_leased_m2.micros[i] = Column::kMissing;
    }
    auto& sum = (st.view(2) == "owned" ? f.land_owned_m2 : f.land_leased_m2).micros[i];
    const std::int64_t a = st.i64(3);
    if (sum == Column::kMissing) sum = a;
    else if (__builtin_add_overflow(sum, a, &sum))
      throw StoreError("地块面积合计溢出 / land area sum overflows for enterprise " + f.uscc[i]);
  }
}

// Facts of `year`: per metric the value of the source ranked first by the precedence.
void read_facts(Db& db, int year, Frame& f, EnterpriseIndex& idx, const PrecedenceOf& precedence) {
  constexpr std::int8_t kNoRank = INT8_MAX, kUnranked = 100;
  Interner metrics, sources;
  std::vector<Column*> cols;                      // by metric id
  std::vector<std::vector<std::int8_t>> ranks;    // by metric id, per enterprise
  std::vector<std::vector<std::string>> orders;   // by metric id: sources, highest first
  std::vector<std::vector<std::int8_t>> rank_of;  // [metric id][source id]
  auto rank_pair = [&](std::size_t m, std::size_t s) {
    auto& r = rank_of[m];
    if (r.size() <= s) r.resize(sources.size(), -1);
    if (r[s] < 0) {
      auto& o = orders[m];
      r[s] = static_cast<std::int8_t>(std::min<std::ptrdiff_t>(
          std::find(o.begin(), o.end(), sources.name(s)) - o.begin(), kUnranked));
    }
    return r[s];
  };
  Stmt st(db, "SELECT uscc, metric, source, value_micros FROM facts NOT INDEXED WHERE year = ?");
  st.bind(1, year);
  bool added = false;
  while (st.step()) {
    const std::size_t m = metrics.id(st.view(1), added);
    if (added) {
      const std::string& id = metrics.name(m);
      auto it = f.metrics.find(id);
      if (it == f.metrics.end()) {
        it = f.metrics.emplace(id, Column{}).first;
        it->second.micros.assign(f.size(), Column::kMissing);
      }
      cols.push_back(&it->second);
      ranks.emplace_back(f.size(), kNoRank);
      orders.push_back(precedence(id));
      rank_of.emplace_back();
    }
    auto i = idx.find(st.view(0));
    if (i < 0) continue;  // cannot happen: facts reference enterprises (foreign key)
    const std::size_t s = sources.id(st.view(2), added);
    const std::int8_t r = rank_pair(m, s);
    auto& cur = ranks[m][i];
    if (r < cur) {
      cur = r;
      cols[m]->micros[i] = st.i64(3);
    }
  }
}

void read_certificates(Db& db, Frame& f, EnterpriseIndex& idx) {
  Stmt st(db, "SELECT uscc, tier, level, number, issued, expires FROM certificates ORDER BY uscc, tier, issued, number");
  while (st.step()) {
    auto i = idx.find(st.view(0));
    if (i < 0) continue;  // cannot happen: certificates reference enterprises (foreign key)
    f.certificates[i].push_back({st.text(1), st.text(2), st.text(3), st.text(4), st.text(5)});
  }
}

}  // namespace

Frame read_snapshot(Db& db, int year, const PrecedenceOf& precedence) {
  Frame f;
  f.year = year;
  read_enterprises(db, f);
  EnterpriseIndex idx(f.uscc);
  read_statuses(db, year, f, idx);
  read_land(db, year, f, idx);
  read_facts(db, year, f, idx, precedence);
  read_certificates(db, f, idx);
  return f;
}

}  // namespace mujun::store::sqlite
