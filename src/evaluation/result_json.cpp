#include "evaluation/result_json.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <utility>

#include <oneapi/tbb/parallel_for.h>

#include <fmt/format.h>

#include "domain/large_alloc.h"
#include "evaluation/explain.h"

namespace mujun::evaluation {
namespace {
// Everything is appended to one string (no temporaries per value: at 1,000,000 enterprises the
// document is about 700 MB).
void put_quoted(std::string& o, std::string_view t) {
  o += '"';
  const bool plain = std::none_of(t.begin(), t.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c < 0x20 || c == '"' || c == '\\';
  });
  if (plain) {  // the usual case (USCC, names, ids): one append
    o.append(t);
    o += '"';
    return;
  }
  for (unsigned char c : t) {
    switch (c) {
      case '"': o += "\\\""; break;
      case '\\': o += "\\\\"; break;
      case '\n': o += "\\n"; break;
      case '\r': o += "\\r"; break;
      case '\t': o += "\\t"; break;
      default:
        if (c < 0x20) fmt::format_to(std::back_inserter(o), "\\u{:04x}", c);
        else o += static_cast<char>(c);
    }
  }
  o += '"';
}
void put_num(std::string& o, double v) {
  if (std::isfinite(v)) fmt::format_to(std::back_inserter(o), "{}", v);
  else o += "null";
}
template <class Int>
void put_int(std::string& o, Int v) {
  fmt::format_to(std::back_inserter(o), "{}", v);
}
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
  std::string o;
  o.reserve(t.size() + 2);
  put_quoted(o, t);
  return o;
}

namespace {
/// "id":number for each weighted indicator of cohort `co`, the number being value(k).
template <class Value>
void put_by_indicator(std::string& o, const Scheme& s, const Cohort& co, Value value) {
  for (std::size_t j = 0; j < co.indicators.size(); ++j) {
    if (j) o += ',';
    put_quoted(o, s.indicators[co.indicators[j]].id);
    o += ':';
    put_num(o, value(co.indicators[j]));
  }
}

/// One enterprise's object, appended to `o`.
void put_firm(std::string& o, const Scheme& s, const Frame& f, const EvaluationResult& r, std::size_t i) {
  const auto& co = s.cohorts[r.cohort[i]];
  o += '{';
  o += "\"uscc\":";
  put_quoted(o, f.uscc[i]);
  o += ",\"name\":";
  put_quoted(o, f.name[i]);
  o += ",\"cohort\":";
  put_quoted(o, co.id);
  o += ",\"land_mu\":";
  put_num(o, r.land_mu[i]);
  o += ",\"indicators\":{";
  put_by_indicator(o, s, co, [&](int k) { return r.value[k][i]; });
  o += "},\"points\":{";
  put_by_indicator(o, s, co, [&](int k) { return r.points[k][i]; });
  o += "},\"adjustments\":[";
  bool af = true;
  for (std::size_t a = 0; a < s.adjustments.size(); ++a) {
    if (!(r.adjustments[i] >> a & 1)) continue;
    const auto& adj = s.adjustments[a];
    if (!af) o += ',';
    af = false;
    o += "{\"id\":";
    put_quoted(o, adj.id);
    if (adj.kind == Adjustment::Kind::Veto) {
      o += ",\"kind\":\"veto\",\"class\":\"";
      o += adj.forced_class;
      o += "\"}";
    } else {
      o += ",\"kind\":";
      put_quoted(o, adj.kind == Adjustment::Kind::Bonus ? "bonus" : "penalty");
      o += ",\"points\":";
      put_num(o, adj.kind == Adjustment::Kind::Bonus ? adj.points : -adj.points);
      o += '}';
    }
  }
  o += "],\"indicator_total\":";
  put_num(o, r.indicator_total[i]);
  o += ",\"total\":";
  put_num(o, r.total[i]);
  o += ",\"rank\":";
  put_int(o, r.rank[i]);
  o += ",\"class\":\"";
  o += r.klass[i];
  o += "\",\"class_rule\":\"";
  o += rule_id(r.class_rule[i]);
  o += "\",\"special\":";
  if (r.special[i] >= 0) put_quoted(o, s.specials[r.special[i]].id);
  else o += "null";
  o += '}';
}

}  // namespace

std::string result_json(const Scheme& s, const Frame& f, const EvaluationResult& r,
                        const std::vector<std::pair<std::string, std::string>>& provenance) {
  std::size_t per_firm = 160;  // the firm's fixed members, then per indicator an id and two numbers
  for (const auto& ind : s.indicators) per_firm += 2 * (ind.id.size() + 28);
  std::string o;
  o.reserve(4096 + r.order.size() * per_firm);
  advise_huge_pages(o.data(), o.capacity());  // 700 MB at 1M firms: faulted in by 2 MiB, not 4 KiB
  o += "{\"scheme\":{";
  for (const auto& [key, text] : {std::pair<const char*, const std::string*>{"id", &s.id}, {"name", &s.name},
                                  {"region", &s.region}, {"source", &s.source}}) {
    put_quoted(o, key);
    o += ':';
    put_quoted(o, *text);
    o += ',';
  }
  o += "\"data_year\":";
  put_int(o, s.data_year);
  o += ",\"file\":";
  put_quoted(o, s.file);
  o += "},\"year\":";
  put_int(o, r.year);
  for (const auto& [k, v] : provenance) {
    o += ',';
    put_quoted(o, k);
    o += ':';
    put_quoted(o, v);
  }
  o += ",\"cohorts\":[";
  for (std::size_t c = 0; c < s.cohorts.size(); ++c) {
    const auto& co = s.cohorts[c];
    const auto& oc = r.cohorts[c];
    if (c) o += ",";
    o += "{\"id\":";
    put_quoted(o, co.id);
    o += ",\"label\":";
    put_quoted(o, co.label);
    fmt::format_to(std::back_inserter(o),
                   ",\"members\":{},\"pool\":{},\"seats\":{{\"A\":{},\"B\":{},\"C\":{},\"D\":{}}},"
                   "\"counts\":{{\"A\":{},\"B\":{},\"C\":{},\"D\":{},\"T\":{}}},\"benchmarks\":{{",
                   oc.members, oc.pool, oc.seats[0], oc.seats[1], oc.seats[2], oc.seats[3], oc.counts[0], oc.counts[1],
                   oc.counts[2], oc.counts[3], oc.counts[4]);
    for (std::size_t j = 0; j < co.indicators.size(); ++j) {
      if (j) o += ",";
      put_quoted(o, s.indicators[co.indicators[j]].id);
      o += ':';
      put_num(o, oc.benchmark[j]);
    }
    o += "}}";
  }
  o += "],\"enterprises\":[";
  // The enterprises in display order, in parallel pieces of kPiece firms appended in order (the same
  // bytes as one pass), a wave of kWave pieces at a time so that at most that much is held twice.
  constexpr std::size_t kPiece = 16384, kWave = 8, kAhead = 8;
  const std::size_t m = r.order.size(), pieces = (m + kPiece - 1) / kPiece;
  std::vector<std::string> text(std::min(pieces, kWave));  // reused by every wave (fresh memory is dear)
  for (std::size_t wave = 0; wave < pieces; wave += kWave) {
    const std::size_t last = std::min(pieces, wave + kWave);
    tbb::parallel_for(wave, last, [&](std::size_t piece) {
      std::string& t = text[piece - wave];
      t.clear();
      if (t.capacity() < kPiece * per_firm) {
        t.reserve(kPiece * per_firm);
        advise_huge_pages(t.data(), t.capacity());
      }
      const std::size_t end = std::min(m, (piece + 1) * kPiece);
      for (std::size_t q = piece * kPiece; q < end; ++q) {
        // The firms come in display order, scattered over the Frame-ordered columns: ask for the
        // columns of a firm a few places ahead before they are needed (each is a miss otherwise).
        if (q + kAhead < end) {
          const std::size_t ahead = r.order[q + kAhead];
          for (std::size_t k = 0; k < r.value.size(); ++k) __builtin_prefetch(r.value[k].data() + ahead);
          __builtin_prefetch(r.land_mu.data() + ahead);
          __builtin_prefetch(r.total.data() + ahead);
          __builtin_prefetch(r.indicator_total.data() + ahead);
          __builtin_prefetch(r.rank.data() + ahead);
          __builtin_prefetch(r.cohort.data() + ahead);
          __builtin_prefetch(f.uscc.data() + ahead);
          __builtin_prefetch(f.name.data() + ahead);
        }
        if (q) t += ',';
        put_firm(t, s, f, r, r.order[q]);
      }
    });
    for (std::size_t piece = wave; piece < last; ++piece) o += text[piece - wave];
  }
  o += "],\"not_evaluated\":";
  put_int(o, r.n - r.order.size());
  o += ",\"warnings\":[";
  for (std::size_t w = 0; w < r.warnings.size(); ++w) {
    if (w) o += ',';
    put_quoted(o, r.warnings[w]);
  }
  o += "]}";
  return o;
}

}  // namespace mujun::evaluation
