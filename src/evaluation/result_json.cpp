#include "evaluation/result_json.h"

#include <cmath>

#include <fmt/format.h>

#include "evaluation/explain.h"

namespace mujun::evaluation {
namespace {
std::string num(double v) { return std::isfinite(v) ? fmt::format("{}", v) : "null"; }
std::string str(std::string_view s) { return json_quote(s); }
std::string_view rule_id(ClassRule r) {
  switch (r) {
    case ClassRule::None: return "none";
    case ClassRule::Quota: return "quota";
    case ClassRule::QuotaTie: return "quota_tie";
    case ClassRule::QuotaFloor: return "quota_floor";
    case ClassRule::Threshold: return "threshold";
    case ClassRule::Special: return "special";
    case ClassRule::Veto: return "veto";
  }
  return "";
}
}  // namespace

std::string json_quote(std::string_view t) {
  std::string o = "\"";
  for (unsigned char c : t) {
    switch (c) {
      case '"': o += "\\\""; break;
      case '\\': o += "\\\\"; break;
      case '\n': o += "\\n"; break;
      case '\r': o += "\\r"; break;
      case '\t': o += "\\t"; break;
      default:
        if (c < 0x20) o += fmt::format("\\u{:04x}", c);
        else o += static_cast<char>(c);
    }
  }
  return o + "\"";
}

std::string result_json(const Scheme& s, const Frame& f, const EvaluationResult& r,
                        const std::vector<std::pair<std::string, std::string>>& provenance) {
  std::string o;
  o.reserve(256 + r.order.size() * 400);
  o += "{\"scheme\":{\"id\":" + str(s.id) + ",\"name\":" + str(s.name) + ",\"region\":" + str(s.region) +
       ",\"source\":" + str(s.source) + ",\"data_year\":" + std::to_string(s.data_year) + ",\"file\":" + str(s.file) +
       "},\"year\":" + std::to_string(r.year);
  for (const auto& [k, v] : provenance) o += "," + str(k) + ":" + str(v);
  o += ",\"cohorts\":[";
  for (std::size_t c = 0; c < s.cohorts.size(); ++c) {
    const auto& co = s.cohorts[c];
    const auto& oc = r.cohorts[c];
    if (c) o += ",";
    o += fmt::format("{{\"id\":{},\"label\":{},\"members\":{},\"pool\":{},\"seats\":{{\"A\":{},\"B\":{},\"C\":{},\"D\":{}}},"
                     "\"counts\":{{\"A\":{},\"B\":{},\"C\":{},\"D\":{},\"T\":{}}},\"benchmarks\":{{",
                     str(co.id), str(co.label), oc.members, oc.pool, oc.seats[0], oc.seats[1], oc.seats[2], oc.seats[3],
                     oc.counts[0], oc.counts[1], oc.counts[2], oc.counts[3], oc.counts[4]);
    for (std::size_t j = 0; j < co.indicators.size(); ++j) {
      if (j) o += ",";
      o += str(s.indicators[co.indicators[j]].id) + ":" + num(oc.benchmark[j]);
    }
    o += "}}";
  }
  o += "],\"enterprises\":[";
  bool first = true;
  for (std::size_t i : r.order) {
    const auto& co = s.cohorts[r.cohort[i]];
    o += first ? "{" : ",{";
    first = false;
    o += "\"uscc\":" + str(f.uscc[i]) + ",\"name\":" + str(f.name[i]) + ",\"cohort\":" + str(co.id) +
         ",\"land_mu\":" + num(r.land_mu[i]) + ",\"indicators\":{";
    for (std::size_t j = 0; j < co.indicators.size(); ++j)
      o += (j ? "," : "") + str(s.indicators[co.indicators[j]].id) + ":" + num(r.value[co.indicators[j]][i]);
    o += "},\"points\":{";
    for (std::size_t j = 0; j < co.indicators.size(); ++j)
      o += (j ? "," : "") + str(s.indicators[co.indicators[j]].id) + ":" + num(r.points[co.indicators[j]][i]);
    o += "},\"adjustments\":[";
    bool af = true;
    for (std::size_t a = 0; a < s.adjustments.size(); ++a) {
      if (!(r.adjustments[i] >> a & 1)) continue;
      const auto& adj = s.adjustments[a];
      o += af ? "" : ",";
      af = false;
      if (adj.kind == Adjustment::Kind::Veto)
        o += "{\"id\":" + str(adj.id) + ",\"kind\":\"veto\",\"class\":\"" + std::string(1, adj.forced_class) + "\"}";
      else
        o += "{\"id\":" + str(adj.id) + ",\"kind\":" + str(adj.kind == Adjustment::Kind::Bonus ? "bonus" : "penalty") +
             ",\"points\":" + num(adj.kind == Adjustment::Kind::Bonus ? adj.points : -adj.points) + "}";
    }
    o += "],\"indicator_total\":" + num(r.indicator_total[i]) + ",\"total\":" + num(r.total[i]) +
         ",\"rank\":" + std::to_string(r.rank[i]) + ",\"class\":\"" + std::string(1, r.klass[i]) +
         "\",\"class_rule\":\"" + std::string(rule_id(r.class_rule[i])) + "\",\"special\":" +
         (r.special[i] >= 0 ? str(s.specials[r.special[i]].id) : std::string("null")) + "}";
  }
  o += "],\"not_evaluated\":" + std::to_string(r.n - r.order.size()) + ",\"warnings\":[";
  for (std::size_t w = 0; w < r.warnings.size(); ++w) o += (w ? "," : "") + str(r.warnings[w]);
  o += "]}";
  return o;
}

}  // namespace mujun::evaluation
