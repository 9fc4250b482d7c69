#include "evaluation/scoring.h"

namespace mujun::evaluation {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Base points and treatment of indicator k for enterprise i in its cohort c at position j.
double base_of(const ScoringDetail& d, std::size_t c, std::size_t j, std::size_t i, Treatment& t) {
  const ScoringRule& ru = d.rules[c][j];
  return base_points(ru, d.indicators[ru.k], d.benchmarks[c][j], d.value[ru.k][i], t);
}
}  // namespace

double points_of(const ScoringDetail& d, std::size_t k, std::size_t i) {
  const int c = d.cohort[i];
  if (c < 0) return kNaN;
  const auto cu = static_cast<std::size_t>(c);
  const int j = d.position[cu][k];
  if (j < 0) return kNaN;
  Treatment t{};
  const double p = base_of(d, cu, static_cast<std::size_t>(j), i, t);
  double missing_w = 0;  // the same sum, in the same order, as the engine's totals pass
  for (std::size_t x = 0; x < d.rules[cu].size(); ++x) {
    const ScoringRule& ru = d.rules[cu][x];
    if (d.indicators[ru.k].missing == MissingRule::Reweight && std::isnan(d.value[ru.k][i])) missing_w += ru.w;
  }
  const double factor = reweight_factor(d.weight_total[cu], missing_w);
  return factor != 1.0 ? p * factor : p;
}

Treatment treatment_of(const ScoringDetail& d, std::size_t k, std::size_t i) {
  const int c = d.cohort[i];
  if (c < 0) return Treatment::NotApplicable;
  const int j = d.position[static_cast<std::size_t>(c)][k];
  if (j < 0) return Treatment::NotApplicable;
  Treatment t{};
  base_of(d, static_cast<std::size_t>(c), static_cast<std::size_t>(j), i, t);
  return t;
}

std::span<const double> ValueColumns::operator[](std::size_t k) const { return detail->value[k]; }
std::size_t ValueColumns::size() const { return detail ? detail->value.size() : 0; }

double PointColumn::operator[](std::size_t i) const { return points_of(*detail, k, i); }
std::size_t PointColumn::size() const { return detail->n; }
std::vector<double> PointColumn::to_vector() const {
  std::vector<double> out(detail->n);
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = points_of(*detail, k, i);
  return out;
}

Treatment TreatmentColumn::operator[](std::size_t i) const { return treatment_of(*detail, k, i); }
std::size_t TreatmentColumn::size() const { return detail->n; }
std::vector<Treatment> TreatmentColumn::to_vector() const {
  std::vector<Treatment> out(detail->n);
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = treatment_of(*detail, k, i);
  return out;
}

std::size_t PointColumns::size() const { return detail ? detail->indicators.size() : 0; }
std::size_t TreatmentColumns::size() const { return detail ? detail->indicators.size() : 0; }

}  // namespace mujun::evaluation
