// gen-zone --verify: the calibration figures, recomputed from the model over the rows a correct importer accepts.
#include <map>
#include <sstream>
#include <string>

#include "table.h"
#include "zone_model.h"

namespace genzone {
namespace {

using i128 = __int128;

/// num/den rounded half-up to `d` decimals, as text.
std::string ratio(i128 num, i128 den, int d) {
  i128 scale = 1;
  for (int i = 0; i < d; ++i) scale *= 10;
  i128 v = (num * scale * 2 + den) / (den * 2);
  return decimal_text(static_cast<int64_t>(v), d);
}

bool manufacturing(const std::string& code) {
  int div = std::stoi(code.substr(0, 2));
  return div >= 13 && div <= 43;
}

bool holds(const Firm& f, const std::string& type, const std::string& level, const std::string& on) {
  for (auto& c : f.certs)
    if (c.type == type && (level.empty() || c.level == level) && c.issued <= on && (c.expires.empty() || c.expires >= on)) return true;
  return false;
}

}  // namespace

std::string calibration_report(const Zone& z) {
  std::ostringstream o;
  const std::string eoy = "2024-12-31";
  i128 out24 = 0, out23 = 0, out23_both = 0, out24_both = 0, out23_naive = 0;
  i128 va24 = 0, va23 = 0;
  std::map<int, i128> cl24, cl23;
  i128 mfg_out = 0, mfg_tax = 0, mfg_va = 0, mfg_area = 0, mfg_area_leased = 0;
  int above24 = 0, above23 = 0, above_rd = 0, mfg_firms = 0, changes = 0;
  i128 rd = 0, rd_above = 0, ht_above = 0, ht_all = 0;
  for (auto& f : z.firms) {
    const auto& a = f.y[2];
    const auto& b = f.y[1];
    if (b.present && b.above) { ++above23; out23_naive += b.out; }
    if (a.present && !a.rejected && a.rd >= 0) rd += a.rd;
    if (a.present && b.present && a.above != b.above) ++changes;
    if (!a.present || a.rejected || !a.above) continue;
    ++above24;
    out24 += a.out;
    va24 += a.value_added;
    if (a.rd > 0) ++above_rd, rd_above += a.rd;
    if (b.present) { out23 += b.out; va23 += b.value_added; }
    if (b.present && b.above) { out24_both += a.out; out23_both += b.out; }
    if (f.cluster >= 0) { cl24[f.cluster] += a.out; if (b.present) cl23[f.cluster] += b.out; }
    if (holds(f, "高新技术企业", "", eoy)) ht_above += a.out;
    if (manufacturing(f.industry_code)) {
      ++mfg_firms;
      mfg_out += a.out;
      mfg_tax += a.tax;
      mfg_va += a.value_added;
      for (auto& p : f.parcels) { mfg_area += p.area; if (p.leased) mfg_area_leased += p.area; }
    }
  }
  for (auto& f : z.firms)
    if (f.y[2].present && !f.y[2].rejected && holds(f, "高新技术企业", "", eoy)) ht_all += f.y[2].out;
  i128 c231_24 = 0, c231_23 = 0;
  for (auto& [k, v] : cl24) c231_24 += v;
  for (auto& [k, v] : cl23) c231_23 += v;

  auto yi = [](i128 qy) { return ratio(qy, 100000, 2); };  // 千元 → 亿元
  o << "万盛经开区 example zone (synthetic), seed " << z.seed << " — calibration figures over the accepted rows\n";
  o << "(rejected rows skipped, exact duplicates once; money summed in integer 千元/分, divided once)\n\n";
  o << "规上工业企业 2024: " << above24 << " firms; 2023: " << above23 << " firms; firms whose 规上 status changes 2023→2024: " << changes << "\n";
  o << "规上工业总产值 2024 = " << yi(out24) << " 亿元 (target 290.00)\n";
  o << "  same scope 2023 (firms 规上 in 2024, their 2023 rows) = " << yi(out23) << " 亿元 (target 275.40), growth = "
    << ratio((out24 - out23) * 100, out23, 2) << " % (target +5.3)\n";
  o << "  variant, firms 规上 in both years: " << yi(out24_both) << " / " << yi(out23_both) << " 亿元, growth = "
    << ratio((out24_both - out23_both) * 100, out23_both, 2) << " %\n";
  o << "  variant, all 规上 2024 / all 规上 2023 rows: " << yi(out24) << " / " << yi(out23_naive) << " 亿元, growth = "
    << ratio((out24 - out23_naive) * 100, out23_naive, 2) << " %\n";
  o << "\"231\" clusters 2024 = " << yi(c231_24) << " 亿元 (target 260.96); 2023 same scope = " << yi(c231_23)
    << " (target 248.30); growth = " << ratio((c231_24 - c231_23) * 100, c231_23, 2) << " % (target +5.1)\n";
  o << "  share of 规上工业总产值 = " << ratio(c231_24 * 100, out24, 2) << " % (published \"92 %\" is inconsistent)\n";
  i128 four = 0;
  for (int k = 0; k < 6; ++k) {
    o << "  " << kClusterNames[static_cast<size_t>(k)] << " 2024 = " << yi(cl24[k]) << " 亿元, 2023 = " << yi(cl23[k]) << "\n";
    if (k >= 2) four += cl24[k];
  }
  o << "  the other four together = " << yi(four) << " 亿元 (target 20.06)\n";
  o << "规上工业增加值 2024 = " << yi(va24) << " 亿元; same scope 2023 = " << yi(va23) << "; growth (nominal) = "
    << ratio((va24 - va23) * 100, va23, 2) << " % (target +6.7, published at comparable prices)\n";
  o << "规上制造业 (industry code 13–43, 规上 2024): " << mfg_firms << " firms\n";
  o << "  land (owned + leased parcels) = " << ratio(mfg_area, 100, 2) << " m² = " << ratio(mfg_area * 15, 1000000, 4)
    << " 亩 (leased " << ratio(mfg_area_leased * 15, 1000000, 4) << " 亩)\n";
  // per 亩: 万元 / 亩 = (千元/10) / (0.01 m² × 15 / 10^6)
  o << "  output " << yi(mfg_out) << " 亿元 → 亩均产值 = " << ratio(mfg_out * 100000, mfg_area * 15, 4) << " 万元/亩 (target 448)\n";
  o << "  tax " << ratio(mfg_tax, 10000000000LL, 4) << " 亿元 → 亩均税收 = " << ratio(mfg_tax, mfg_area * 15, 4)
    << " 万元/亩 (target 22)\n";
  o << "  value added " << yi(mfg_va) << " 亿元 → 亩均增加值 = " << ratio(mfg_va * 100000, mfg_area * 15, 4) << " 万元/亩 (target 146)\n";

  i128 tax_ind[2] = {0, 0};
  int over1e8[2] = {0, 0};
  for (auto& f : z.firms)
    for (int k = 1; k < 3; ++k)
      if (f.y[k].tax >= 0) { tax_ind[k - 1] += f.y[k].tax; if (f.y[k].tax > 10000000000LL) ++over1e8[k - 1]; }
  o << "firms paying over 1 亿元 tax: 2024 = " << over1e8[1] << " (target 5), 2023 = " << over1e8[0] << "\n";
  o << "工业税收 (all rows of tax-YYYY.csv) 2024 = " << ratio(tax_ind[1], 10000000000LL, 4) << " 亿元; zone total (given) = "
    << ratio(z.zone_total_tax[1], 10000000000LL, 4) << " 亿元; share = " << ratio(tax_ind[1] * 100, z.zone_total_tax[1], 2) << " % (target 58.9)\n";
  o << "  2023: " << ratio(tax_ind[0], 10000000000LL, 4) << " / " << ratio(z.zone_total_tax[0], 10000000000LL, 4) << " 亿元 = "
    << ratio(tax_ind[0] * 100, z.zone_total_tax[0], 2) << " %\n";
  o << "R&D经费支出 2024, all accepted rows = " << ratio(rd, 100000, 4) << " 亿元 (target 6.38); 规上 only = " << ratio(rd_above, 100000, 4) << "\n";
  o << "  规上 firms with R&D > 0: " << above_rd << " of " << above24 << " = " << ratio(above_rd * 100, above24, 2) << " % (target > 50)\n";
  o << "高新技术企业 output share: 规上 holders " << yi(ht_above) << " 亿元 / 规上 total = " << ratio(ht_above * 100, out24, 2)
    << " %; all holders in the statistics file " << yi(ht_all) << " 亿元 → " << ratio(ht_all * 100, out24, 2) << " % (target 47)\n";

  struct Count { const char* type; const char* level; const char* target; };
  o << "certificates held on " << eoy << ":\n";
  for (auto c : {Count{"高新技术企业", "", "72"}, Count{"专精特新中小企业", "市级", "52"}, Count{"专精特新\"小巨人\"", "", "3"},
                 Count{"制造业单项冠军", "市级", "2"}, Count{"科技型企业", "", "743"}, Count{"数字化车间", "市级", "22"},
                 Count{"智能工厂", "市级", "2"}, Count{"绿色工厂", "国家级", "2"}, Count{"绿色工厂", "市级", "3"},
                 Count{"创新型中小企业", "", "(not a target)"}}) {
    int n = 0, rows = 0;
    for (auto& f : z.firms) {
      if (holds(f, c.type, c.level, eoy)) ++n;
      for (auto& x : f.certs) if (x.type == c.type && (!*c.level || x.level == c.level)) ++rows;
    }
    o << "  " << c.type << (*c.level ? std::string(" (") + c.level + ")" : "") << " = " << n << " (target " << c.target << "; rows in file " << rows << ")\n";
  }
  int expiring = 0;
  for (auto& f : z.firms)
    for (auto& c : f.certs) if (c.type == "高新技术企业" && c.expires >= "2025-01-01" && c.expires <= "2025-12-31") ++expiring;
  o << "  高新技术企业 certificates expiring in 2025: " << expiring << "\n";
  i128 rewards = 0, loans = 0;
  std::map<int, int> borrowers;
  for (auto& s : z.support) {
    if (s.program == "科技创新奖励资金") rewards += s.amount;
    else { loans += s.amount; borrowers[s.firm]++; }
  }
  o << "support: 科技创新奖励资金 2024 = " << ratio(rewards, 100, 2) << " 万元 (target 282); 知识价值信用贷款 = "
    << borrowers.size() << " firms, " << ratio(loans, 1000000, 2) << " 亿元 (target 149, 2.07)\n";
  int industrial = 0, parcels = 0, leased = 0;
  for (auto& f : z.firms) {
    if (f.industrial) ++industrial;
    for (auto& p : f.parcels) { ++parcels; if (p.leased) ++leased; }
  }
  o << "registry: " << z.firms.size() << " enterprises, " << industrial << " industrial with land; " << parcels
    << " parcels (" << leased << " leased)\n";
  o << "special firms (role: USCC as written, name, industry code):\n";
  for (auto& f : z.firms)
    if (!f.role.empty())
      o << "  " << f.role << ": " << f.uscc << " " << f.name << " " << f.industry_code
        << (f.cluster >= 0 ? std::string(" → ") + kClusterNames[static_cast<size_t>(f.cluster)] : std::string()) << "\n";
  int started[2] = {0, 0};
  for (auto& f : z.firms)
    if (f.industrial && f.start_year >= 2023) ++started[f.start_year - 2023];
  o << "industrial firms that started production in 2023: " << started[0] << ", in 2024: " << started[1] << " (all 规下)\n";
  return o.str();
}

}  // namespace genzone
