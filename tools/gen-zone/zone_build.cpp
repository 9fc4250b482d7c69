// gen-zone — builds the calibrated example zone (targets: /work/shared/reference/wansheng-2024.md,
// "Calibration targets"). Every calibrated total is chosen first and split with split_exact, so sums are exact.
#include <algorithm>
#include <cstdio>
#include <set>
#include <stdexcept>
#include <string>

#include "clusters.h"
#include "names.h"
#include "rng.h"
#include "split.h"
#include "zone_model.h"

namespace genzone {
namespace {

constexpr int64_t kWan = 10;             // 1 万元 in 千元
constexpr int64_t kWanFen = 1000000;     // 1 万元 in 分
constexpr int kNonIndustrial = 560;      // registry firms outside the statistics files
constexpr int kBelowScale = 179;         // 规下 industrial firms besides the one that leaves 规上

struct Spec {
  Group group;
  int n_ht;
  int64_t out_ht;     // 万元, 2024
  int n_plain;
  int64_t out_plain;  // 万元, 2024
  int64_t out_2023;   // 万元, 2023, same firms
};

// 2024 cluster outputs: 124.18 / 116.72 亿元 and 20.06 亿元 for the other four; 2023 totals give +5.1 % on "231".
const Spec kSpecs[] = {
    {Group::NewEnergy, 12, 700000, 8, 541800, 1170000},
    {Group::NewMaterials, 12, 555000, 16, 612200, 1120000},
    {Group::Electronics, 6, 45000, 4, 17000, 59500},
    {Group::Biomedicine, 4, 38000, 4, 10600, 46000},
    {Group::Food, 0, 0, 16, 52000, 50500},
    {Group::Equipment, 4, 22000, 6, 16000, 37000},
    {Group::OtherMfg, 0, 0, 25, 80400, 76000},
};

std::string iso(int y, int m, int d) {
  char b[48];
  std::snprintf(b, sizeof b, "%04d-%02d-%02d", y, m, d);
  return b;
}

bool is_manufacturing(const std::string& code) {
  int div = std::stoi(code.substr(0, 2));
  return div >= 13 && div <= 43;
}

class Builder {
 public:
  explicit Builder(uint64_t seed) : rng_(seed), names_(rng_) { z_.seed = seed; }

  Zone run() {
    make_above_scale();
    make_below_scale();
    make_non_industrial();
    for (auto& f : z_.firms) identity(f);
    yearly_outputs();
    value_added();
    land();
    tax();
    rd();
    energy_and_emissions();
    certificates();
    sci_tech();
    support();
    flaws();
    zone_tax();
    return std::move(z_);
  }

 private:
  Rng rng_;
  NameMaker names_;
  std::set<std::string> usccs_;
  Zone z_;
  int parcel_serial_ = 1200;
  int new_firms_ = 0;

  int64_t r(int64_t lo, int64_t hi) { return rng_.range(lo, hi); }

  Firm& add(Group g, std::string code, std::string role = "") {
    Firm f;
    f.index = static_cast<int>(z_.firms.size());
    f.group = g;
    f.industry_code = std::move(code);
    f.role = std::move(role);
    f.industrial = g != Group::Service;
    z_.firms.push_back(std::move(f));
    return z_.firms.back();
  }

  std::vector<int> where(auto pred) {
    std::vector<int> v;
    for (auto& f : z_.firms) if (pred(f)) v.push_back(f.index);
    return v;
  }

  // ---- population ------------------------------------------------------------------------------------------
  void make_above_scale() {
    for (const auto& s : kSpecs) {
      const auto& codes = codes_of(s.group);
      for (int ht = 1; ht >= 0; --ht) {
        int n = ht ? s.n_ht : s.n_plain;
        std::vector<int> members;
        for (int i = 0; i < n; ++i) {
          Firm& f = add(s.group, codes[rng_.below(codes.size())]);
          f.high_tech_holder = ht;
          f.y[2].above = true;
          members.push_back(f.index);
        }
        if (n == 0) continue;
        // fixed members (tax > 1 亿元, the glass maker of the newspaper story, the override firms, the entrant)
        std::vector<int64_t> fixed(n, 0);
        auto fix = [&](int k, const char* role, const char* code, int64_t wan) {
          Firm& f = z_.firms[members[k]];
          f.role = role;
          if (code) f.industry_code = code;
          fixed[k] = wan * kWan;
        };
        if (s.group == Group::NewEnergy && ht) { fix(0, "ne_a", "3841", 320000); fix(1, "ne_b", "3841", 180000); }
        if (s.group == Group::NewEnergy && !ht) fix(0, "pack", "3849", 0);
        if (s.group == Group::NewMaterials && ht) fix(0, "glass1", "3041", 296000);
        if (s.group == Group::NewMaterials && !ht) { fix(0, "nm_x", "3259", 150000); fix(1, "glass2", "3041", 0); }
        if (s.group == Group::Equipment && !ht) fix(0, "entrant", nullptr, 2106);
        std::vector<int64_t> w(n), mins(n);
        for (int k = 0; k < n; ++k) {
          w[k] = fixed[k] ? 0 : r(1, 40) * r(1, 40) + 20;
          mins[k] = fixed[k] ? fixed[k] : 22000;  // ≥ 2,200 万元 keeps 主营业务收入 above 2,000 万元
        }
        auto outs = split_exact((ht ? s.out_ht : s.out_plain) * kWan, w, mins);
        for (int k = 0; k < n; ++k) z_.firms[members[k]].y[2].out = outs[k];
      }
    }
    struct NM { const char* role; const char* code; int64_t out24, out23; };
    for (auto m : {NM{"power", "4411", 160000, 150000}, NM{"shale_gas", "0721", 30000, 27000},
                   NM{"coal", "0610", 20000, 18000}}) {
      Firm& f = add(Group::NonMfg, m.code, m.role);
      f.y[2].above = true;
      f.y[2].out = m.out24 * kWan;
      f.y[1].out = m.out23 * kWan;
    }
    for (auto& f : z_.firms) {
      if (f.role == "glass1" || f.role == "glass2" || f.role == "pack") {
        f.override_cluster = true;
        f.cluster = f.role == "pack" ? 0 : 1;
        f.override_reason = f.role == "pack" ? "电池PACK生产线，行业代码3849不在新能源代码表内"
                                             : "超薄/LOW-E玻璃基板，行业代码3041不在新材料代码表内";
      } else {
        f.cluster = cluster_of_code(f.industry_code);
      }
    }
  }

  void make_below_scale() {
    Firm& lv = add(Group::BelowScale, "3311", "leaver");
    lv.cluster = -1;
    static const Group kinds[] = {Group::NewEnergy, Group::NewMaterials, Group::Electronics, Group::Biomedicine,
                                  Group::Food, Group::Food, Group::Equipment, Group::Equipment, Group::OtherMfg,
                                  Group::OtherMfg, Group::OtherMfg, Group::OtherMfg};
    for (int i = 0; i < kBelowScale; ++i) {
      const auto& codes = codes_of(kinds[rng_.below(std::size(kinds))]);
      Firm& f = add(Group::BelowScale, codes[rng_.below(codes.size())]);
      f.cluster = cluster_of_code(f.industry_code);
    }
  }

  void make_non_industrial() {
    const auto& codes = codes_of(Group::Service);
    for (int i = 0; i < kNonIndustrial; ++i) add(Group::Service, codes[rng_.below(codes.size())]);
  }

  void identity(Firm& f) {
    static const char* towns[] = {"万东镇", "南桐镇", "关坝镇", "青年镇", "丛林镇", "金桥镇", "万盛街道", "东林街道", "石林镇", "黑山镇"};
    static const int weights[] = {25, 15, 12, 10, 8, 8, 8, 6, 4, 4};
    if (f.group == Group::Service) {
      f.township = rng_.chance(700) ? (rng_.chance(600) ? "万盛街道" : "东林街道") : towns[rng_.below(10)];
      f.start_year = static_cast<int>(r(2008, 2024));
    } else {
      int x = static_cast<int>(rng_.below(100)), k = 0;
      while (x >= weights[k]) x -= weights[k++];
      f.township = towns[k];
      f.start_year = static_cast<int>(f.y[2].above || f.role == "leaver" ? r(1998, 2019) : r(2003, 2022));
      // 5 规下 firms started production in 2023 and 6 in 2024 (new firms: evaluated, not classed — class T)
      if (f.group == Group::BelowScale && f.role.empty() && new_firms_ < 11) f.start_year = new_firms_++ < 5 ? 2023 : 2024;
    }
    if (f.role == "power") f.start_year = 2006;
    if (f.role == "entrant") f.start_year = 2019;
    bool big = f.role == "ne_a" || f.role == "glass1" || f.role == "ne_b";
    std::string trade = trade_of(f.industry_code, rng_.next());
    f.name = names_.company(trade, big);
    f.uscc = make_uscc(rng_, f.start_year, usccs_);
  }

  // ---- statistics --------------------------------------------------------------------------------------------
  void fill(YearStats& s, int64_t out, int force /* 1 above, 0 below, -1 by value */) {
    s.present = true;
    s.out = out;
    s.sales = out * r(940, 1000) / 1000;
    int64_t mr = out * r(950, 1010) / 1000;
    if (force == 1) mr = std::max(mr, 20050 + r(0, 500));
    if (force == 0) mr = std::min(mr, 19900 - r(0, 300));
    s.main_revenue = mr;
    s.above = mr >= 20000;
    s.revenue = mr * r(1000, 1045) / 1000;
    if (!s.above) s.revenue = std::min<int64_t>(s.revenue, 19990);
    s.profit = out * r(-30, 110) / 1000;
    s.assets = out * r(600, 1800) / 1000;
    s.liabilities = s.assets * r(300, 750) / 1000;
    s.employees_avg = static_cast<int>(std::max<int64_t>(8, out / r(800, 2500)));
    s.employees_end = static_cast<int>(s.employees_avg * r(950, 1060) / 1000);
    if (s.employees_end < 1) s.employees_end = 1;
  }

  void yearly_outputs() {
    // 2023 outputs of the 规上-2024 firms per group, same scope (275.40 亿元 in all, 248.30 亿元 in "231").
    for (const auto& s : kSpecs) {
      auto members = where([&](const Firm& f) { return f.group == s.group && f.y[2].above; });
      std::vector<int64_t> w, mins;
      for (int i : members) {
        const Firm& f = z_.firms[i];
        bool e = f.role == "entrant";
        w.push_back(e ? 0 : f.y[2].out * r(880, 1060) / 1000);
        mins.push_back(e ? 2000 * kWan : 22500);
      }
      auto outs = split_exact(s.out_2023 * kWan, w, mins);
      for (size_t k = 0; k < members.size(); ++k) z_.firms[members[k]].y[1].out = outs[k];
    }
    for (auto& f : z_.firms) {
      if (!f.industrial) continue;
      if (f.y[2].above) {
        int64_t o24 = f.y[2].out, o23 = f.y[1].out;
        fill(f.y[2], o24, 1);
        f.y[2].above = true;
        fill(f.y[1], o23, f.role == "entrant" ? 0 : 1);
        fill(f.y[0], o23 * r(880, 1020) / 1000, -1);
        if (f.role == "power") for (auto& y : f.y) y.employees_avg = static_cast<int>(r(600, 680)), y.employees_end = y.employees_avg;
        continue;
      }
      if (f.role == "leaver") {
        fill(f.y[0], 22300, 1);
        fill(f.y[1], 21500, 1);
        fill(f.y[2], 18500, 0);
        continue;
      }
      int64_t base = 500 + r(0, 1000) * r(0, 1000) / 1000 * 185 / 10;  // 50–1,900 万元, skewed to small
      if (f.start_year >= 2023) base = r(300, 3000);
      if (f.start_year <= 2024) fill(f.y[2], base, 0);
      if (f.start_year <= 2023) fill(f.y[1], std::min<int64_t>(19000, base * r(880, 1050) / 1000), 0);
      if (f.start_year <= 2022) fill(f.y[0], std::min<int64_t>(19000, base * r(800, 1030) / 1000), 0);
    }
  }

  void value_added() {
    auto mfg = where([](const Firm& f) { return f.y[2].above && f.group != Group::NonMfg; });
    std::vector<int> rate(z_.firms.size(), 300);
    for (auto& f : z_.firms) rate[f.index] = static_cast<int>(r(220, 420));
    // 规上制造业 2024: 87.665 亿元 (146 万元/亩 over 6,004.46 亩); 2023 same firms: 82.00 亿元.
    for (int yi : {2, 1}) {
      std::vector<int64_t> w;
      for (int i : mfg) w.push_back(z_.firms[i].y[yi].out * (rate[i] + (yi == 1 ? r(-20, 20) : 0)));
      auto va = split_exact(yi == 2 ? 876650 * kWan : 820000 * kWan, w);
      for (size_t k = 0; k < mfg.size(); ++k) z_.firms[mfg[k]].y[yi].value_added = va[k];
    }
    for (auto& f : z_.firms) {
      if (f.role == "power") f.y[2].value_added = 52000 * kWan, f.y[1].value_added = 50000 * kWan;
      if (f.role == "shale_gas") f.y[2].value_added = 16000 * kWan, f.y[1].value_added = 15000 * kWan;
      if (f.role == "coal") f.y[2].value_added = 8500 * kWan, f.y[1].value_added = 8300 * kWan;
      for (int yi = 0; yi < 3; ++yi) {
        auto& y = f.y[yi];
        if (!y.present) continue;
        if (yi == 0 || !f.y[2].above) y.value_added = y.out * rate[f.index] / 1000;
        if (y.value_added >= y.out) throw std::logic_error("value added ≥ output for " + f.name);
      }
    }
  }

  // ---- land ------------------------------------------------------------------------------------------------
  void split_parcels(Firm& f, int64_t area, int max_parcels, int leased_all_pm, int leased_one_pm) {
    static const char* landlords[] = {"重庆万盛经开区标准厂房建设有限公司", "重庆万盛工业园区开发建设有限公司",
                                      "重庆万盛经开区国有资产经营有限公司"};
    int n = static_cast<int>(r(1, max_parcels));
    if (area < 4 * 66667) n = 1;  // small sites are one parcel
    std::vector<int64_t> w(n);
    for (auto& x : w) x = r(2, 10);
    auto parts = split_exact(area, w);
    bool all = rng_.chance(leased_all_pm);
    bool one = !all && n > 1 && rng_.chance(leased_one_pm);
    for (int k = 0; k < n; ++k) {
      Parcel p;
      p.leased = all || (one && k == n - 1);
      p.holder = p.leased ? landlords[rng_.below(3)] : f.name;
      char cert[96];
      std::snprintf(cert, sizeof cert, "渝(%d)万盛经开区不动产权第%07d号", static_cast<int>(r(2012, 2023)), parcel_serial_);
      parcel_serial_ += static_cast<int>(r(1, 40));
      p.cert = cert;
      p.area = parts[k];
      p.township = rng_.chance(900) ? f.township : "关坝镇";
      f.parcels.push_back(p);
    }
  }

  void land() {
    auto mfg = where([](const Firm& f) { return f.y[2].above && f.group != Group::NonMfg; });
    int64_t out_qy = 0;
    for (int i : mfg) out_qy += z_.firms[i].y[2].out;
    // 规上制造业 land so that output per 亩 = 448.00: Σout(千元)/10 万元 / 448 → 亩 → × 10000/15 m² → × 100 (0.01 m²).
    __int128 num = static_cast<__int128>(out_qy) * 10000 * 100;
    const int64_t den = 10 * 448 * 15;
    int64_t total = static_cast<int64_t>((num + den / 2) / den);
    std::vector<int64_t> w, mins;
    for (int i : mfg) {
      w.push_back(z_.firms[i].y[2].out * 1000 / r(150, 900));
      mins.push_back(333335);  // ≥ 5 亩 (3,333.35 m²)
    }
    auto areas = split_exact(total, w, mins);
    for (size_t k = 0; k < mfg.size(); ++k) split_parcels(z_.firms[mfg[k]], areas[k], 4, 80, 150);
    for (auto& f : z_.firms) {
      if (!f.industrial || (f.y[2].above && f.group != Group::NonMfg)) continue;
      int64_t a;  // m²
      if (f.role == "power") a = 620000;
      else if (f.role == "shale_gas") a = 80000;
      else if (f.role == "coal") a = 150000;
      else if (rng_.chance(150)) a = r(540, 1990);              // < 3 亩
      else a = r(2100, 40000) * r(1, 10) / 10 + 2000;          // 3–63 亩, skewed to small
      a = a * 100 + r(0, 99);
      if (f.role == "power" || f.role == "shale_gas" || f.role == "coal") split_parcels(f, a, 3, 0, 0);
      else split_parcels(f, a, 2, 300, 100);
    }
  }

  // ---- tax ---------------------------------------------------------------------------------------------------
  void tax() {
    auto mfg = where([](const Firm& f) { return f.y[2].above && f.group != Group::NonMfg; });
    std::vector<int64_t> w, mins;
    for (int i : mfg) {
      const Firm& f = z_.firms[i];
      int64_t fixed = f.role == "ne_a" ? 16800 : f.role == "ne_b" ? 11200 : f.role == "glass1" ? 14600 : f.role == "nm_x" ? 10600 : 0;
      w.push_back(fixed ? 0 : f.y[2].out * r(10, 50));
      mins.push_back(fixed * kWanFen);
    }
    // 规上制造业 tax 2024 = 13.21 亿元 → 22.00 万元/亩.
    auto t = split_exact(132100 * kWanFen, w, mins);
    for (size_t k = 0; k < mfg.size(); ++k) z_.firms[mfg[k]].y[2].tax = t[k];
    for (auto& f : z_.firms) {
      if (!f.industrial) continue;
      if (f.role == "power") f.y[2].tax = 18500 * kWanFen;
      if (f.role == "shale_gas") f.y[2].tax = 3200 * kWanFen;
      if (f.role == "coal") f.y[2].tax = 1900 * kWanFen;
      if (!f.y[2].above) f.y[2].tax = f.y[2].out * 100 * r(5, 40) + r(0, 99);
      if (f.y[2].tax >= 10000 * kWanFen && f.role != "power" && f.role != "ne_a" && f.role != "ne_b" &&
          f.role != "glass1" && f.role != "nm_x")
        throw std::logic_error("an unplanned firm pays over 1 亿元 tax: " + f.name);
      if (!f.y[1].present) continue;
      int64_t fixed23 = f.role == "ne_a" ? 15200 : f.role == "ne_b" ? 9400 : f.role == "glass1" ? 13100
                      : f.role == "nm_x" ? 8800 : f.role == "power" ? 17600 : 0;
      f.y[1].tax = fixed23 ? fixed23 * kWanFen : f.y[2].tax * 1000 / r(1020, 1150) + r(0, 99);
    }
  }

  // ---- R&D ---------------------------------------------------------------------------------------------------
  void rd() {
    // 规上 firms: every 高新技术企业 holder by its revenue band (国科发火〔2016〕32号: 5 % / 4 % / 3 %), three of
    // them deliberately short; 30 more 规上 firms share the rest of 6.00 亿元. 规下: 0.38 亿元. Total 6.38 亿元.
    int weak_left = 3;
    std::set<Group> weak_done;
    int64_t ht_sum = 0;
    for (auto& f : z_.firms) {
      if (!f.y[2].above || !f.high_tech_holder) continue;
      int64_t mr = f.y[2].main_revenue;
      int64_t rate = mr < 50000 ? r(500, 580) : mr <= 200000 ? r(400, 460) : r(300, 360);
      if (weak_left > 0 && (f.group == Group::Electronics || f.group == Group::Biomedicine || f.group == Group::Equipment) &&
          !weak_done.count(f.group)) {
        rate = r(220, 260);
        weak_done.insert(f.group);
        --weak_left;
      }
      f.y[2].rd = mr * rate / 10000;
      ht_sum += f.y[2].rd;
    }
    auto plain = where([](const Firm& f) { return f.y[2].above && !f.high_tech_holder && f.role != "power"; });
    rng_.shuffle(plain);
    plain.resize(29);
    plain.push_back(where([](const Firm& f) { return f.role == "power"; })[0]);
    std::vector<int64_t> w, mins;
    for (int i : plain) { w.push_back(z_.firms[i].y[2].out * r(5, 20)); mins.push_back(500); }
    auto parts = split_exact(600000 - ht_sum, w, mins);
    for (size_t k = 0; k < plain.size(); ++k) z_.firms[plain[k]].y[2].rd = parts[k];
    for (auto& f : z_.firms) if (f.y[2].above && f.y[2].rd < 0) f.y[2].rd = 0;

    // 规下 高新技术企业 holders: 14 small firms reporting since 2022 (output ≤ 800 万元 keeps the 47 % share).
    auto small = where([](const Firm& f) {
      return f.group == Group::BelowScale && f.role.empty() && f.y[0].present && f.y[2].out <= 8000 &&
             is_manufacturing(f.industry_code);
    });
    rng_.shuffle(small);
    int64_t below_ht = 0;
    for (int k = 0; k < 14; ++k) {
      Firm& f = z_.firms[small[k]];
      f.high_tech_holder = true;
      f.y[2].rd = f.y[2].main_revenue * r(520, 600) / 10000;
      below_ht += f.y[2].rd;
    }
    auto rest = where([](const Firm& f) {
      return f.group == Group::BelowScale && f.role.empty() && !f.high_tech_holder && f.y[2].present;
    });
    rng_.shuffle(rest);
    std::vector<int> with_rd(rest.begin(), rest.begin() + 86);
    w.clear(); mins.clear();
    for (int i : with_rd) { w.push_back(z_.firms[i].y[2].out * r(5, 30)); mins.push_back(10); }
    parts = split_exact(38000 - below_ht, w, mins);
    for (size_t k = 0; k < with_rd.size(); ++k) z_.firms[with_rd[k]].y[2].rd = parts[k];
    for (auto& f : z_.firms) {
      if (f.group == Group::BelowScale && f.y[2].present && f.y[2].rd < 0) f.y[2].rd = rng_.chance(500) ? 0 : -1;
      // earlier years follow the firm's 2024 intensity
      for (int yi = 0; yi < 2; ++yi) {
        auto& y = f.y[yi];
        if (!y.present) continue;
        if (f.y[2].rd > 0) y.rd = y.main_revenue * f.y[2].rd / std::max<int64_t>(1, f.y[2].main_revenue) * r(900, 1100) / 1000;
        else y.rd = f.y[2].rd;
      }
    }
  }

  // ---- energy and emissions ------------------------------------------------------------------------------------
  static int coefficient(const Firm& f) {  // tce per 万元 output, in thousandths
    const std::string& c = f.industry_code;
    if (c == "3041") return 350;
    if (c == "3217") return 900;
    if (c == "3011") return 1100;
    if (c == "2521") return 1400;
    if (c.substr(0, 2) == "26") return 450;
    if (c == "3252" || c == "3259" || c == "3130") return 150;
    if (c == "3042" || c == "3051" || c == "3089") return 250;
    if (c == "2659" || c == "2921" || c == "3062") return 120;
    if (c.substr(0, 3) == "384") return 25;
    if (f.group == Group::Food || c.substr(0, 2) == "13" || c.substr(0, 2) == "14" || c.substr(0, 2) == "15") return 70;
    if (c.substr(0, 2) == "27") return 60;
    return 30;
  }

  void energy_and_emissions() {
    for (auto& f : z_.firms) {
      if (!f.industrial) continue;
      for (int yi = 0; yi < 3; ++yi) {
        auto& y = f.y[yi];
        if (!y.present) continue;
        if (f.role == "power") y.energy = (1650000 + r(-50000, 50000)) * 100;
        else if (f.role == "shale_gas") y.energy = r(30000, 34000) * 100;
        else if (f.role == "coal") y.energy = r(24000, 28000) * 100;
        else y.energy = y.out * coefficient(f) * r(850, 1150) / 100000 + r(0, 99);
        if (!y.above && rng_.chance(60)) y.energy = -1;  // not reported by some 规下 firms
      }
      auto& y = f.y[2];
      int64_t tce_c = y.energy >= 0 ? y.energy : y.out * coefficient(f) / 100;  // 0.01 tce
      int share = f.role == "power" ? 0 : coefficient(f) >= 350 ? static_cast<int>(r(200, 320)) : static_cast<int>(r(550, 800));
      y.electricity = f.role == "power" ? 300000000 + r(0, 9999999) : tce_c * share * 100 / 1229 + r(0, 999);
      const std::string& c = f.industry_code;
      bool combustion = f.group == Group::NonMfg || c == "3041" || c == "3217" || c == "3011" || c == "2521" ||
                        c.substr(0, 2) == "26" || c == "3130";
      bool water = f.group == Group::Food || c.substr(0, 2) == "13" || c.substr(0, 2) == "14" ||
                   c.substr(0, 2) == "15" || c.substr(0, 2) == "27";
      if (!combustion && !water) continue;
      if (!y.above && !rng_.chance(300)) continue;
      f.emits = true;
      int64_t tce = tce_c / 100;
      if (combustion) {
        f.so2 = tce * r(400, 900) / 1000 + r(0, 999);
        f.nox = tce * r(700, 1400) / 1000 + r(0, 999);
        f.cod = r(0, 3000);
        f.ammonia = f.cod * r(50, 150) / 1000;
      } else {
        f.cod = y.out / kWan * r(300, 700) / 1000 + r(100, 999);
        f.ammonia = f.cod * r(60, 140) / 1000;
        f.so2 = tce * r(50, 200) / 1000;
        f.nox = tce * r(100, 300) / 1000;
      }
    }
  }

  // ---- certificates ------------------------------------------------------------------------------------------
  void cert(Firm& f, const char* type, const char* level, const std::string& number, int year, int month, int day,
            int valid_years) {
    Cert c{type, level, number, iso(year, month, day), ""};
    if (valid_years > 0) {
      // valid N years: to the day before the anniversary (e.g. 2022-11-29 → 2025-11-28)
      int d = day - 1, m = month, yy = year + valid_years;
      if (d == 0) { m = month - 1; d = 28; if (m == 0) { m = 12; yy -= 1; d = 31; } }
      c.expires = iso(yy, m, d);
    }
    f.certs.push_back(c);
  }

  std::string num(const char* prefix, int year, int serial, int width) {
    char b[64];
    std::snprintf(b, sizeof b, "%s%d%0*d", prefix, year, width, serial);
    return b;
  }

  void certificates() {
    // 高新技术企业: 38 规上 + 14 规下 industrial + 20 non-industrial = 72 valid at 2024-12-31;
    // 3 more non-industrial firms hold one that expired in 2023 (not renewed).
    auto services = where([](const Firm& f) { return f.group == Group::Service; });
    rng_.shuffle(services);
    for (int k = 0; k < 20; ++k) z_.firms[services[k]].high_tech_holder = true;
    auto ht = where([](const Firm& f) { return f.high_tech_holder; });
    if (ht.size() != 72) throw std::logic_error("高新技术企业 holders ≠ 72");
    rng_.shuffle(ht);
    static const int batch_year[] = {2022, 2023, 2024};
    static const int batch_md[][2] = {{11, 29}, {11, 22}, {12, 6}};
    for (size_t k = 0; k < ht.size(); ++k) {
      int b = static_cast<int>(k % 3);
      cert(z_.firms[ht[k]], "高新技术企业", "国家级", num("GR", batch_year[b], 51100000 + static_cast<int>(r(100, 999)) * 10 + static_cast<int>(k % 10), 8),
           batch_year[b], batch_md[b][0], batch_md[b][1], 3);
    }
    for (int k = 20; k < 23; ++k)
      cert(z_.firms[services[k]], "高新技术企业", "国家级", num("GR", 2020, 51100100 + k, 8), 2020, 12, 2, 3);

    // 专精特新中小企业 (市级) 52: 30 规上 manufacturing + 22 规下 industrial; 10 of them new in 2024.
    auto mfg_above = where([](const Firm& f) { return f.y[2].above && f.group != Group::NonMfg; });
    rng_.shuffle(mfg_above);
    auto below = where([](const Firm& f) { return f.group == Group::BelowScale && f.role.empty() && f.y[0].present; });
    rng_.shuffle(below);
    std::vector<int> srdi(mfg_above.begin(), mfg_above.begin() + 30);
    srdi.insert(srdi.end(), below.begin(), below.begin() + 22);
    for (size_t k = 0; k < srdi.size(); ++k) {
      int year = k < 10 ? 2024 : k < 34 ? 2023 : 2022;
      cert(z_.firms[srdi[k]], "专精特新中小企业", "市级", num("CQZJTX", year, static_cast<int>(k + 1), 4), year,
           static_cast<int>(r(3, 11)), static_cast<int>(r(1, 28)), 3);
    }
    auto role = [&](const char* r0) -> Firm& { return z_.firms[where([&](const Firm& f) { return f.role == r0; })[0]]; };
    auto ei_ht = where([](const Firm& f) { return f.group == Group::Electronics && f.high_tech_holder && f.y[2].above; });
    cert(role("ne_a"), "专精特新\"小巨人\"", "国家级", "XJR2022-0117", 2022, 8, 15, 3);
    cert(role("glass1"), "专精特新\"小巨人\"", "国家级", "XJR2023-0842", 2023, 7, 20, 3);
    cert(z_.firms[ei_ht[0]], "专精特新\"小巨人\"", "国家级", "XJR2024-1305", 2024, 8, 9, 3);
    cert(role("ne_a"), "制造业单项冠军", "市级", "CQDXGJ2023-006", 2023, 12, 18, 3);
    cert(role("glass1"), "制造业单项冠军", "市级", "CQDXGJ2024-011", 2024, 12, 10, 3);
    cert(role("ne_a"), "智能工厂", "市级", "CQZNGC2022-031", 2022, 10, 12, 0);
    cert(role("glass1"), "智能工厂", "市级", "CQZNGC2024-058", 2024, 11, 5, 0);
    cert(role("glass1"), "数字化车间", "市级", "CQSZHCJ2021-104", 2021, 9, 30, 0);
    int made = 1;
    for (int i : mfg_above) {
      if (made == 22) break;
      Firm& f = z_.firms[i];
      if (f.role == "glass1" || f.role == "ne_a") continue;
      int year = static_cast<int>(r(2020, 2024));
      cert(f, "数字化车间", "市级", num("CQSZHCJ", year, 100 + made, 3), year, static_cast<int>(r(3, 11)), static_cast<int>(r(1, 28)), 0);
      ++made;
    }
    cert(role("glass1"), "绿色工厂", "国家级", "LSGC2021-0388", 2021, 11, 26, 0);
    cert(role("ne_b"), "绿色工厂", "国家级", "LSGC2023-1024", 2023, 12, 28, 0);
    int green = 0;
    for (auto it = mfg_above.rbegin(); it != mfg_above.rend() && green < 3; ++it) {
      Firm& f = z_.firms[*it];
      if (f.role == "glass1" || f.role == "ne_b") continue;
      cert(f, "绿色工厂", "市级", num("CQLSGC", 2022 + green, 20 + green, 3), 2022 + green, 9, 16, 0);
      ++green;
    }
    // 创新型中小企业 (not a calibration target): 60 firms, valid 3 years.
    auto inn = where([](const Firm& f) { return (f.group == Group::Service || f.group == Group::BelowScale) && f.role.empty(); });
    rng_.shuffle(inn);
    for (int k = 0; k < 60; ++k) {
      int year = k < 35 ? 2024 : 2023;
      cert(z_.firms[inn[k]], "创新型中小企业", "市级", num("CQCXX", year, k + 1, 4), year, 6, 28, 3);
    }
    // 科技型企业 743 (annual 入库, valid for the calendar year): holders of the titles above first, then firms
    // with R&D, then the non-industrial firms, then other industrial firms.
    std::vector<int> order;
    std::vector<char> taken(z_.firms.size(), 0);
    auto push = [&](std::vector<int> v, bool shuffle) {
      if (shuffle) rng_.shuffle(v);
      for (int i : v) if (!taken[i]) { taken[i] = 1; order.push_back(i); }
    };
    push(where([](const Firm& f) { return f.high_tech_holder; }), false);
    push(srdi, false);
    push(where([](const Firm& f) { return f.y[2].rd > 0; }), true);
    push(where([](const Firm& f) { return f.group == Group::Service; }), true);
    push(where([](const Firm& f) { return f.industrial; }), true);
    if (order.size() < 743) throw std::logic_error("not enough firms for 743 科技型企业");
    for (int k = 0; k < 743; ++k)
      cert(z_.firms[order[k]], "科技型企业", "市级", num("", 2024, 500110000 + k, 9), 2024,
           static_cast<int>(r(3, 10)), static_cast<int>(r(1, 28)), 0);
    for (int k = 0; k < 743; ++k) z_.firms[order[k]].certs.back().expires = "2024-12-31";
  }

  // ---- 科技局 2024 -------------------------------------------------------------------------------------------
  void sci_tech() {
    for (auto& f : z_.firms) {
      if (f.certs.empty()) continue;
      f.sci_tech = true;
      int staff = f.industrial && f.y[2].present ? f.y[2].employees_avg : static_cast<int>(r(8, 150));
      f.st_staff = std::max(1, static_cast<int>(staff * r(110, 350) / 1000));
      f.rd_staff = std::max(1, static_cast<int>(f.st_staff * r(500, 900) / 1000));
      if (f.high_tech_holder)
        f.high_tech_revenue = f.industrial ? f.y[2].revenue * r(620, 900) / 1000 : r(3000, 80000);
      else
        f.high_tech_revenue = rng_.chance(500) ? -1 : 0;
      bool svc = f.group == Group::Service;
      f.invention_patents = static_cast<int>(f.high_tech_holder ? r(1, 25) : r(0, 3));
      f.utility_patents = static_cast<int>(svc ? r(0, 8) : r(0, 40));
      f.software_copyrights = static_cast<int>(svc ? r(1, 30) : r(0, 6));
    }
  }

  // ---- policy support ----------------------------------------------------------------------------------------
  void support() {
    // 科技创新奖励资金 2024: 282 万元 over 30 firms; 知识价值信用贷款 cumulative: 149 firms, 2.07 亿元.
    auto holders = where([](const Firm& f) {
      for (auto& c : f.certs) if (c.type == "高新技术企业" || c.type == "专精特新中小企业") return true;
      return false;
    });
    rng_.shuffle(holders);
    std::vector<int64_t> w(30);
    for (auto& x : w) x = r(1, 10);
    auto amounts = split_exact(28200, w, std::vector<int64_t>(30, 200));
    for (int k = 0; k < 30; ++k)
      z_.support.push_back({holders[k], "科技创新奖励资金", amounts[k], iso(2024, static_cast<int>(r(4, 12)), static_cast<int>(r(1, 28)))});
    auto tech = where([](const Firm& f) {
      for (auto& c : f.certs) if (c.type == "科技型企业") return true;
      return false;
    });
    rng_.shuffle(tech);
    std::vector<int> rows(tech.begin(), tech.begin() + 149);
    for (int k = 0; k < 21; ++k) rows.push_back(tech[k]);  // 21 firms borrowed twice
    w.assign(rows.size(), 0);
    for (auto& x : w) x = r(1, 30);
    auto loans = split_exact(20700, w, std::vector<int64_t>(rows.size(), 20));
    for (size_t k = 0; k < rows.size(); ++k)
      z_.support.push_back({rows[k], "知识价值信用贷款", loans[k] * 100,
                            iso(static_cast<int>(k < 149 ? r(2019, 2024) : 2024), static_cast<int>(r(1, 12)), static_cast<int>(r(1, 28)))});
  }

  // ---- flaws that change what a correct importer accepts ---------------------------------------------------------
  void flaws() {
    auto cand = where([](const Firm& f) {
      return f.group == Group::BelowScale && f.role.empty() && !f.high_tech_holder && f.y[2].present &&
             f.y[2].rd <= 0 && f.y[1].present;
    });
    rng_.shuffle(cand);
    Firm& bad_len = z_.firms[cand[0]];
    bad_len.role = "bad_length";
    bad_len.y[2].rejected = true;
    bad_len.y[2].rd = -1;
    Firm& va = z_.firms[cand[1]];
    va.role = "va_above_output";
    va.y[2].rejected = true;
    va.y[2].value_added = va.y[2].out * 1150 / 1000;
    Firm& pilot = z_.firms[cand[2]];
    pilot.role = "pilot_uscc";
    pilot.uscc = with_failing_check_char(pilot.uscc);
    for (auto& f : z_.firms)
      for (auto& p : f.parcels)
        if (!p.leased) p.holder = f.name;
  }

  void zone_tax() {
    // 工业税收 = every row of the tax file (all industrial firms); the zone total is set so that the share is 58.9 %
    // in 2024 (57.1 % in 2023), rounded to whole 万元.
    for (int yi : {1, 2}) {
      __int128 industrial = 0;
      for (auto& f : z_.firms) if (f.y[yi].tax >= 0) industrial += f.y[yi].tax;
      int share = yi == 2 ? 589 : 571;
      __int128 total = industrial * 1000 / share;
      int64_t wan = static_cast<int64_t>((total + kWanFen / 2) / kWanFen);
      z_.zone_total_tax[yi - 1] = wan * kWanFen;
    }
  }
};

}  // namespace

Zone build_zone(uint64_t seed) { return Builder(seed).run(); }

}  // namespace genzone
