// mujun tiers — EnterpriseProfile: one enterprise's values over several fiscal years.
//
// Tier rules look back up to three fiscal years (tier-criteria.md §12: "近三个会计年度" = Y−2..Y when
// Y is the latest fiscal year with data). A profile gathers, for one USCC, the metric values of
// every Frame given (domain/frame.h), its flags per year and the certificates it holds. Missing
// values stay missing: value() returns nullopt, never 0 (DESIGN.md principle 2).
#pragma once
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/frame.h"

namespace mujun::tiers {

struct EnterpriseProfile {
  std::string uscc;
  std::string name;
  std::string industry_code;      ///< GB/T 4754-2017 4-digit, "" unknown
  int production_start_year = 0;  ///< 投产年份, 0 unknown
  int data_year = 0;              ///< latest fiscal year Y of the frames (the "上年度" of an application in Y+1)
  /// year → metric id → value in the metric's canonical unit (万元, 人, 件, fraction …).
  std::map<int, std::map<std::string, double>> values;
  /// year → flags (e.g. "major_safety_accident"), as recorded in Frame::flags.
  std::map<int, std::vector<std::string>> flags;
  /// Certificates held (any validity), from the latest frame that lists the enterprise.
  std::vector<Certificate> certificates;

  /// Value of `metric` in fiscal `year`, or nullopt when not recorded. Besides stored metric ids
  /// (domain/metric.h) it knows these derived ones:
  ///  - "net_assets" = total_assets − total_liabilities (万元; 净资产, 国科发火〔2016〕195号 成长性);
  ///  - "ip_class1" = ip_invention (件; Ⅰ类知识产权, plant varieties etc. are not in the data);
  ///  - "ip_class2" = ip_utility_model + ip_software_copyright (+ ip_design when recorded) (件).
  std::optional<double> value(const std::string& metric, int year) const;
  /// Sets a stored value (used by tests and by build_profiles).
  void set(const std::string& metric, int year, double v) { values[year][metric] = v; }
  /// True when `flag` is recorded in any of the fiscal years [from, to].
  bool has_flag(const std::string& flag, int from, int to) const;
};

/// One profile per enterprise present in any frame, ordered by USCC. `frames` may come in any
/// order; data_year = the largest Frame::year. Registry attributes (name, industry code, start year)
/// and certificates come from the latest frame that lists the enterprise.
std::vector<EnterpriseProfile> build_profiles(std::span<const Frame> frames);

}  // namespace mujun::tiers
