// mujun — the snapshot of one year: one row per enterprise, one column per metric.
//
// Built by the store (Store::snapshot) and consumed by the pure core (evaluation/, statistics/,
// tiers/), which never touch files or the database. Missing values stay missing (Column::kMissing),
// never zero (DESIGN.md principle 2).
#pragma once
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/decimal.h"

namespace mujun {

/// One metric over all enterprises of a Frame, in micro-units of the metric's canonical unit.
struct Column {
  static constexpr std::int64_t kMissing = std::numeric_limits<std::int64_t>::min();
  std::vector<std::int64_t> micros;

  bool has(std::size_t i) const { return micros[i] != kMissing; }
  /// Value as a double in the canonical unit; nullopt when missing.
  std::optional<double> get(std::size_t i) const {
    if (micros[i] == kMissing) return std::nullopt;
    return static_cast<double>(micros[i]) / Decimal::kScale;
  }
  std::optional<Decimal> decimal(std::size_t i) const {
    if (micros[i] == kMissing) return std::nullopt;
    return Decimal::from_micros(micros[i]);
  }
};

/// A certificate held by an enterprise (GLOSSARY.md "认定 / 证书 / 有效期").
struct Certificate {
  std::string tier;     ///< tech_sme, innovative_sme, specialized_sme, little_giant, single_champion,
                        ///< high_tech_enterprise, chain_leader, smart_factory, digital_workshop, green_factory
  std::string level;    ///< "national" | "municipal" | "district" | "" (国家级 / 市级 / 区级)
  std::string number;   ///< certificate number as printed
  std::string issued;   ///< ISO date YYYY-MM-DD, or "" when unknown
  std::string expires;  ///< ISO date YYYY-MM-DD, or "" when unknown / not applicable
};

/// Snapshot of one period (calendar year) for every enterprise in the registry.
struct Frame {
  int year = 0;

  // Registry attributes, one entry per enterprise (all vectors have size() entries).
  std::vector<std::string> uscc;           ///< 18-char USCC, upper case
  std::vector<std::string> name;           ///< 企业名称
  std::vector<std::string> industry_code;  ///< GB/T 4754-2017 4-digit class ("" unknown)
  std::vector<std::string> township;       ///< 9-digit township code or name ("" unknown)
  std::vector<std::int8_t> above_scale;    ///< 规上 status in `year`: 1 yes, 0 no, -1 unknown
  std::vector<int> production_start_year;  ///< 投产年份, 0 = unknown

  // Land (sum of parcels), in m² micro-units; Column::kMissing when the enterprise has no parcel
  // record at all (a zero area is a recorded zero).
  Column land_owned_m2;   ///< parcels with tenure "owned" (自有)
  Column land_leased_m2;  ///< parcels with tenure "leased" (租赁), attributed to the user

  /// Metric columns by metric id (domain/metric.h), for `year`.
  std::map<std::string, Column> metrics;
  /// Flags for `year` by enterprise (e.g. "major_safety_accident", "new_firm"), free-form ids used by
  /// scheme adjustments.
  std::vector<std::vector<std::string>> flags;
  /// Certificates held (any validity; consumers check dates against `year`).
  std::vector<std::vector<Certificate>> certificates;

  std::size_t size() const { return uscc.size(); }
  /// The metric column, or nullptr when no enterprise has that metric.
  const Column* metric(const std::string& id) const {
    auto it = metrics.find(id);
    return it == metrics.end() ? nullptr : &it->second;
  }
  /// Appends an enterprise with empty attributes and all columns missing; returns its index.
  std::size_t add_enterprise(std::string uscc_code, std::string enterprise_name);
  /// Sets metric `id` of enterprise `i` (creating the column, all missing, on first use).
  void set_metric(std::size_t i, const std::string& id, Decimal v);
};

/// SHA-256 (hex) over a canonical serialisation of the frame (every attribute, land, flag,
/// certificate and metric value in order): equal data give equal hashes. Recorded with every
/// evaluation run (DESIGN.md principle 3).
std::string frame_sha256(const Frame& f);

/// Land of enterprise `i` in 亩 (1 亩 = 10000/15 m², GLOSSARY.md), owned plus leased when
/// `include_leased`; nullopt when neither kind is recorded.
std::optional<double> land_mu(const Frame& f, std::size_t i, bool include_leased = true);

}  // namespace mujun
