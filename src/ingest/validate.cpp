// Categorical cells and row plausibility (see validate.h).
#include "ingest/validate.h"

#include <array>
#include <cctype>
#include <chrono>
#include <regex>
#include <vector>

#include <fmt/format.h>

#include "domain/metric.h"
#include "standards/text.h"

namespace mujun::ingest {
namespace {

std::string clean(std::string_view text) {
  std::string a = standards::to_upper_ascii(standards::fullwidth_to_ascii(text));
  std::string out;
  for (char c : a)
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '"' && c != '\'') out.push_back(c);
  // Chinese quotes “ ” ‘ ’ (E2 80 9C/9D/98/99)
  for (std::string_view q : {"\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98", "\xE2\x80\x99"})
    for (std::size_t p; (p = out.find(q)) != std::string::npos;) out.erase(p, q.size());
  return out;
}


template <std::size_t N>
std::optional<std::string> lookup(const std::array<std::pair<std::string_view, std::string_view>, N>& table,
                                  const std::string& key) {
  for (const auto& [k, v] : table)
    if (k == key) return std::string(v);
  return std::nullopt;
}

bool valid_ymd(int y, int m, int d) {
  using namespace std::chrono;
  return year_month_day{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}}.ok();
}

std::string label(std::string_view id) {
  const MetricInfo* m = find_metric(id);
  return m ? std::string(m->label_zh) : std::string(id);
}

}  // namespace

std::optional<bool> parse_flag(std::string_view text, Issues& issues) {
  const std::string s = clean(text);
  if (s.empty()) return std::nullopt;
  static const std::array<std::pair<std::string_view, std::string_view>, 18> kWords{{
      {"是", "1"}, {"否", "0"}, {"有", "1"}, {"无", "0"}, {"Y", "1"}, {"N", "0"}, {"YES", "1"},
      {"NO", "0"}, {"TRUE", "1"}, {"FALSE", "0"}, {"1", "1"}, {"0", "0"}, {"\xE2\x88\x9A", "1"},
      {"\xC3\x97", "0"}, {"规上", "1"}, {"规下", "0"}, {"X", "0"}, {"\xE2\x9C\x93", "1"}}};
  if (auto v = lookup(kWords, s)) return *v == "1";
  issues.push_back(value_issue(text, "flag.invalid",
      fmt::format("“{}”不是是/否值：请填写“是”或“否”（也可用 Y/N、1/0）。 ('{}' is not a yes/no value: use 是 or 否.)",
                  text, text)));
  return std::nullopt;
}

std::optional<std::string> parse_tenure(std::string_view text, Issues& issues) {
  const std::string s = clean(text);
  static const std::array<std::pair<std::string_view, std::string_view>, 11> kWords{{
      {"自有", "owned"}, {"自用", "owned"}, {"出让", "owned"}, {"划拨", "owned"}, {"国有出让", "owned"},
      {"国有划拨", "owned"}, {"出让地", "owned"}, {"划拨地", "owned"}, {"租赁", "leased"},
      {"租用", "leased"}, {"承租", "leased"}}};
  if (auto v = lookup(kWords, s)) return v;
  issues.push_back(value_issue(text, "tenure.invalid",
      fmt::format("权属“{}”无法识别：请填写 自有、出让、划拨（均按自有用地）或 租赁。"
                  " (Tenure '{}' is not recognised: use 自有/出让/划拨 (owned) or 租赁 (leased).)",
                  text, text)));
  return std::nullopt;
}

std::optional<std::string> parse_cert_level(std::string_view text, Issues& issues) {
  const std::string s = clean(text);
  static const std::array<std::pair<std::string_view, std::string_view>, 9> kWords{{
      {"国家级", "national"}, {"国家", "national"}, {"市级", "municipal"}, {"省级", "municipal"},
      {"省部级", "municipal"}, {"区级", "district"}, {"县级", "district"}, {"区县级", "district"},
      {"区(县)级", "district"}}};
  if (auto v = lookup(kWords, s)) return v;
  issues.push_back(value_issue(text, "cert_level.invalid",
      fmt::format("级别“{}”无法识别：请填写 国家级、市级 或 区级。 (Level '{}' is not recognised: use 国家级, 市级 or 区级.)",
                  text, text)));
  return std::nullopt;
}

std::optional<std::string> parse_cert_type(std::string_view text, Issues& issues) {
  const std::string s = clean(text);
  static const std::array<std::pair<std::string_view, std::string_view>, 24> kWords{{
      {"科技型中小企业", "tech_sme"}, {"科技型企业", "tech_enterprise"}, {"创新型中小企业", "innovative_sme"},
      {"创新型企业", "innovative_sme"},
      {"专精特新中小企业", "specialized_sme"}, {"专精特新企业", "specialized_sme"},
      {"专精特新", "specialized_sme"},
      {"专精特新小巨人企业", "little_giant"}, {"专精特新小巨人", "little_giant"}, {"小巨人", "little_giant"},
      {"小巨人企业", "little_giant"},
      {"制造业单项冠军", "single_champion"}, {"制造业单项冠军企业", "single_champion"},
      {"制造业单项冠军示范企业", "single_champion"}, {"制造业单项冠军产品", "single_champion"},
      {"单项冠军", "single_champion"},
      {"高新技术企业", "high_tech_enterprise"}, {"国家高新技术企业", "high_tech_enterprise"},
      {"链主企业", "chain_leader"}, {"链主", "chain_leader"},
      {"智能工厂", "smart_factory"}, {"数字化车间", "digital_workshop"}, {"绿色工厂", "green_factory"},
      {"高企", "high_tech_enterprise"}}};
  if (auto v = lookup(kWords, s)) return v;
  // "市级智能工厂", "国家级专精特新小巨人企业": the level belongs in 级别, the type follows it.
  for (std::string_view level : {"国家级", "省级", "市级", "区级", "县级", "重庆市"})
    if (s.rfind(level, 0) == 0)
      if (auto v = lookup(kWords, s.substr(level.size()))) return v;
  issues.push_back(value_issue(text, "cert_type.unknown",
      fmt::format("认定类型“{}”无法识别：可用 科技型中小企业、创新型中小企业、专精特新中小企业、专精特新“小巨人”企业、"
                  "制造业单项冠军、高新技术企业、链主企业、智能工厂、数字化车间、绿色工厂。"
                  " (Certificate type '{}' is not recognised.)",
                  text, text)));
  return std::nullopt;
}

std::optional<std::string> excel_serial_to_date(long serial) {
  if (serial < 1 || serial == 60 || serial > 2958465) return std::nullopt;
  // Excel's 1900 system: serial 1 = 1900-01-01; it counts a fictitious 1900-02-29 (serial 60).
  using namespace std::chrono;
  const long offset = serial < 60 ? serial - 1 : serial - 2;
  year_month_day ymd{sys_days{year{1900} / January / 1} + days{offset}};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

std::optional<std::string> parse_date(std::string_view text, Issues& issues) {
  std::string s = clean(text);
  if (s.empty()) return std::nullopt;
  // 2024年1月1日 / 2024/1/1 / 2024.1.1 → 2024-1-1
  for (std::string_view sep : {"年", "月"})
    for (std::size_t p; (p = s.find(sep)) != std::string::npos;) s.replace(p, sep.size(), "-");
  if (s.size() > 3 && s.compare(s.size() - 3, 3, "日") == 0) s.erase(s.size() - 3);
  for (char& c : s)
    if (c == '/' || c == '.') c = '-';
  if (s.size() > 2 && s.compare(s.size() - 2, 2, "-0") == 0 && s.find('-') == s.size() - 2) s.erase(s.size() - 2);
  static const std::regex kYmd(R"((\d{4})-(\d{1,2})-(\d{1,2}))");
  static const std::regex kCompact(R"((\d{4})(\d{2})(\d{2}))");
  static const std::regex kSerial(R"((\d{1,7}))");
  std::smatch m;
  int y = 0, mo = 0, d = 0;
  if (std::regex_match(s, m, kYmd) || std::regex_match(s, m, kCompact)) {
    y = std::stoi(m[1]);
    mo = std::stoi(m[2]);
    d = std::stoi(m[3]);
    if (valid_ymd(y, mo, d)) return fmt::format("{:04}-{:02}-{:02}", y, mo, d);
  } else if (std::regex_match(s, m, kSerial)) {
    if (auto iso = excel_serial_to_date(std::stol(m[1]))) return iso;
  }
  issues.push_back(value_issue(text, "date.invalid",
      fmt::format("“{}”不是有效日期：请写成 2024-01-01、2024/1/1 或 2024年1月1日。"
                  " ('{}' is not a valid date: write 2024-01-01, 2024/1/1 or 2024年1月1日.)",
                  text, text)));
  return std::nullopt;
}

std::optional<int> parse_year(std::string_view text, Issues& issues) {
  const std::string s = clean(text);
  if (s.empty()) return std::nullopt;
  static const std::regex kYear(R"((19|20|21)\d{2})");
  std::vector<int> years;
  for (auto it = std::sregex_iterator(s.begin(), s.end(), kYear); it != std::sregex_iterator(); ++it) {
    // Only 4-digit runs that start a number: skip "20240101"'s inner digits.
    std::size_t pos = static_cast<std::size_t>(it->position());
    if (pos > 0 && std::isdigit(static_cast<unsigned char>(s[pos - 1]))) continue;
    years.push_back(std::stoi(it->str()));
  }
  if (years.empty()) {
    // An Excel date serial of a year cell ("45292") or a plain number like "2024.0".
    issues.push_back(value_issue(text, "year.invalid",
        fmt::format("“{}”不是有效年份：请填写 1949–2100 之间的 4 位年份，如 2024。 ('{}' is not a year between 1949 "
                    "and 2100: write e.g. 2024.)", text, text)));
    return std::nullopt;
  }
  for (int y : years)
    if (y != years.front()) {
      issues.push_back(value_issue(text, "year.ambiguous",
          fmt::format("“{}”跨了两个年份（{} 与 {}）：请只填一个统计年度，或按年拆分数据。"
                      " ('{}' spans two years ({} and {}): give one year.)",
                      text, years.front(), y, text, years.front(), y)));
      return std::nullopt;
    }
  if (years.front() < 1949 || years.front() > 2100) {
    issues.push_back(value_issue(text, "year.invalid",
        fmt::format("年份“{}”超出 1949–2100。 (Year '{}' is outside 1949–2100.)", text, text)));
    return std::nullopt;
  }
  return years.front();
}

Issues check_plausibility(const RowFacts& row) {
  Issues out;
  auto get = [&](std::string_view id) -> std::optional<Decimal> {
    auto it = row.metrics.find(std::string(id));
    if (it == row.metrics.end()) return std::nullopt;
    return it->second;
  };
  auto add = [&](std::string column, std::string code, std::string msg, Severity sev) {
    Issue i;
    i.column = std::move(column);
    i.code = std::move(code);
    i.message = std::move(msg);
    i.severity = sev;
    out.push_back(std::move(i));
  };
  for (const auto& [id, v] : row.metrics) {
    if (v.micros >= 0 || id == "total_profit" || id == "net_profit") continue;
    const MetricInfo* m = find_metric(id);
    const std::string unit = m ? std::string(m->unit_zh) : std::string();
    if (id == "tax_paid") {
      add(label(id), "plausibility.negative_tax",
          fmt::format("税收为负（{} {}）：请确认是否退税大于缴税，或符号填错。 (tax_paid is negative: {}.)",
                      v.to_string(), unit, v.to_string()),
          Severity::Warning);
      continue;
    }
    add(label(id), "plausibility.negative",
        fmt::format("{}不能为负（{} {}）：请核对数值和符号。 ({} cannot be negative: {}.)", label(id), v.to_string(),
                    unit, id, v.to_string()),
        Severity::Error);
  }
  if (row.land_area_m2 && row.land_area_m2->micros < 0)
    add("用地面积", "plausibility.negative",
        fmt::format("用地面积不能为负（{} 平方米）：请核对。 (Land area cannot be negative: {} m².)",
                    row.land_area_m2->to_string(), row.land_area_m2->to_string()),
        Severity::Error);
  if (row.land_area_m2 && row.land_area_m2->micros > 10'000'000LL * Decimal::kScale)
    add("用地面积", "plausibility.area_large",
        fmt::format("用地面积 {} 平方米超过 10 平方公里（约 15000 亩）：请确认单位（是否把亩填成了平方米）。"
                    " (Land area {} m² exceeds 10 km²: check the unit.)",
                    row.land_area_m2->to_string(), row.land_area_m2->to_string()),
        Severity::Warning);
  auto va = get("value_added"), go = get("gross_output"), rev = get("revenue"), rd = get("rd_expense"),
       mr = get("main_revenue"), tax = get("tax_paid"), assets = get("total_assets"),
       liab = get("total_liabilities");
  if (va && go && *va > *go)
    add(label("value_added"), "plausibility.value_added_above_output",
        fmt::format("工业增加值（{} 万元）大于工业总产值（{} 万元）：增加值 = 总产值 − 中间投入，不可能更大，请核对单位（千元/万元）和数值。"
                    " (value_added {} > gross_output {} 万元: impossible, check units.)",
                    va->to_string(), go->to_string(), va->to_string(), go->to_string()),
        Severity::Error);
  if (rd && rev && *rd > *rev)
    add(label("rd_expense"), "plausibility.rd_above_revenue",
        fmt::format("R&D 经费支出（{} 万元）大于营业收入（{} 万元）：请核对单位和数值（初创研发型企业可能属实）。"
                    " (rd_expense {} > revenue {} 万元: check.)",
                    rd->to_string(), rev->to_string(), rd->to_string(), rev->to_string()),
        Severity::Warning);
  if (mr && rev && *mr > *rev)
    add(label("main_revenue"), "plausibility.main_above_revenue",
        fmt::format("主营业务收入（{} 万元）大于营业收入（{} 万元）：主营业务收入是营业收入的一部分，请核对。"
                    " (main_revenue {} > revenue {} 万元.)",
                    mr->to_string(), rev->to_string(), mr->to_string(), rev->to_string()),
        Severity::Warning);
  if (tax && rev && *tax > *rev)
    add(label("tax_paid"), "plausibility.tax_above_revenue",
        fmt::format("税收（{} 万元）大于营业收入（{} 万元）：常见原因是把“元”当成“万元”，请核对单位。"
                    " (tax_paid {} > revenue {} 万元: often 元 entered as 万元.)",
                    tax->to_string(), rev->to_string(), tax->to_string(), rev->to_string()),
        Severity::Warning);
  if (assets && liab && *liab > *assets)
    add(label("total_liabilities"), "plausibility.liabilities_above_assets",
        fmt::format("负债总额（{} 万元）大于资产总额（{} 万元）：企业资不抵债，请确认数值。"
                    " (total_liabilities {} > total_assets {} 万元.)",
                    liab->to_string(), assets->to_string(), liab->to_string(), assets->to_string()),
        Severity::Warning);
  const auto scale_rev = mr ? mr : rev;
  const Decimal threshold = Decimal::from_micros(2000 * Decimal::kScale);
  if (row.above_scale && scale_rev) {
    const char* which = mr ? "主营业务收入" : "营业收入";
    if (*row.above_scale && *scale_rev < threshold)
      add("是否规上", "plausibility.above_scale_small",
          fmt::format("标为规上企业，但{}只有 {} 万元（规模以上工业标准为主营业务收入 ≥ 2000 万元）：请核对规上标志或收入（规上资格按年认定，可能沿用上年）。"
                      " (Marked above-scale but {} is {} 万元 < 2000 万元.)",
                      which, scale_rev->to_string(), mr ? "main_revenue" : "revenue", scale_rev->to_string()),
          Severity::Warning);
    if (!*row.above_scale && *scale_rev >= threshold)
      add("是否规上", "plausibility.below_scale_large",
          fmt::format("标为规下企业，但{}达 {} 万元（≥ 2000 万元）：请核对规上标志（可能是新达规企业）。"
                      " (Marked below-scale but {} is {} 万元 ≥ 2000 万元.)",
                      which, scale_rev->to_string(), mr ? "main_revenue" : "revenue", scale_rev->to_string()),
          Severity::Warning);
  }
  return out;
}

}  // namespace mujun::ingest
