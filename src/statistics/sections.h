// mujun statistics — internal: shared state of one compute_bulletin call and the figure sections.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "domain/frame.h"
#include "statistics/bulletin.h"

namespace mujun::statistics::detail {

/// An exact sum of one metric over selected rows.
struct Sum {
  std::int64_t micros = 0;  ///< Σ in micro-units of the canonical unit
  std::size_t rows = 0;     ///< rows with a value
  std::size_t missing = 0;  ///< selected rows without a value
};

struct Ctx {
  const Frame& cur;
  const Frame* prev;
  const ClusterTaxonomy& tx;
  const StatsConfig& cfg;
  Bulletin& out;
  std::map<std::string, std::size_t> prev_row;      ///< uscc → row of `prev`
  std::vector<std::vector<std::string>> clusters;   ///< cluster ids per row of `cur`

  bool above(std::size_t i) const { return cur.above_scale[i] == 1; }
  /// Σ metric over rows i of `cur` with pred(i).
  Sum sum(const std::string& metric, const std::function<bool(std::size_t)>& pred) const;
  Figure& add(Figure f) { out.figures.push_back(std::move(f)); return out.figures.back(); }
};

/// Exact decimal text of a micro-unit amount ("2900000", "12.5").
std::string exact(std::int64_t micros);
/// micro-万元 → 亿元 (one division).
double yi(std::int64_t micros_wan);
/// Percentage a/b×100, nullopt when b == 0.
std::optional<double> pct(long double a, long double b);

/// Adds the year-on-year same-scope growth figure of `metric` over current rows with in_group(i)
/// (規上 rows only; scope per ctx.cfg.growth_scope).
void add_growth(Ctx& c, const std::string& id, const std::string& label, const std::string& metric,
                const std::function<bool(std::size_t)>& in_group, const std::string& section);

/// True when the enterprise holds a certificate of `tier` (and `level`, unless empty) valid on
/// 31 December of `year`.
bool holds(const std::vector<Certificate>& certs, const std::string& tier, const std::string& level, int year);

void add_output_figures(Ctx& c);       // 规上工业: firms, output, value added, growth
void add_cluster_figures(Ctx& c);      // 产业集群
void add_tax_figures(Ctx& c);          // 工业税收, share, firms over the threshold
void add_per_mu_figures(Ctx& c);       // 规上制造业亩均
void add_certificate_figures(Ctx& c);  // 梯度培育: counts per tier and level, high-tech output share
void add_innovation_figures(Ctx& c);   // R&D, policy support, 双倍增

}  // namespace mujun::statistics::detail
