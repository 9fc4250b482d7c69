#include "province.h"

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "csv_out.h"
#include "rng.h"
#include "standards/uscc.h"
#include "table.h"
#include "xlsx_out.h"

namespace genzone {
namespace {

constexpr const char* kCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const char* kSyl[] = {"安", "宝", "城", "丰", "福", "光", "和", "河", "华", "江", "金", "乐", "龙", "明", "南", "平",
                      "青", "清", "泉", "荣", "山", "石", "双", "太", "桃", "天", "溪", "新", "兴", "阳", "永", "玉"};
const char* kTrade[] = {"新材料", "机械", "电子", "食品", "化工", "建材", "金属制品", "纺织", "家具", "塑胶制品", "新能源科技", "药业"};
const char* kCodes[] = {"2659", "3442", "3981", "1431", "2613", "3021", "3399", "1713", "2110", "2929", "3841", "2720"};

/// Unique, valid USCC from the firm's sequence number: "91" + region + "MA" + 6 base-31 symbols + checks.
std::string uscc_of(int64_t i, const std::string& region) {
  std::string body = "MA";
  std::string tail(6, '0');
  for (int k = 5; k >= 0; --k) { tail[static_cast<size_t>(k)] = kCharset[i % 31]; i /= 31; }
  body += tail;
  std::string first17 = "91" + region + body + mujun::standards::org_code_check_char(body);
  return first17 + mujun::standards::uscc_check_char(first17);
}

/// One output table, CSV or XLSX, written row by row.
class Out {
 public:
  Out(const ProvinceOptions& o, const std::string& base, Encoding enc, const std::string& sheet) {
    if (o.xlsx) x_ = std::make_unique<XlsxStream>(o.out + "/" + base + ".xlsx", sheet);
    else c_ = std::make_unique<CsvStream>(o.out + "/" + base + ".csv", enc, enc == Encoding::Gbk);
  }
  void row(const Row& r) { if (x_) x_->write_row(r); else c_->write_row(r); }
  void close() { if (x_) x_->close(); else c_->close(); }

 private:
  std::unique_ptr<XlsxStream> x_;
  std::unique_ptr<CsvStream> c_;
};

Row strings(std::initializer_list<const char*> v) {
  Row r;
  for (auto s : v) r.push_back(Cell::str(s));
  return r;
}

}  // namespace

int64_t write_province(const ProvinceOptions& opt) {
  Rng rng(opt.seed);
  std::vector<std::string> towns;
  for (int t = 0; towns.size() < static_cast<size_t>(opt.townships); ++t) {
    std::string n = std::string(kSyl[t % 32]) + kSyl[(t / 32 + t) % 32] + (t % 5 == 0 ? "街道" : "镇");
    if (t >= 32 * 32) n = std::to_string(t) + "镇";
    bool dup = false;
    for (auto& x : towns) dup = dup || x == n;
    if (!dup) towns.push_back(n);
  }
  Out reg(opt, "registry", Encoding::Utf8, "企业名录");
  Out stat(opt, "statistics-2024", Encoding::Utf8, "工业企业主要指标");
  Out tax(opt, "tax-2024", Encoding::Gbk, "税收");
  Out land(opt, "land-parcels", Encoding::Utf8, "宗地清单");
  reg.row(strings({"统一社会信用代码", "企业名称", "行业代码", "所在镇街", "投产年份"}));
  stat.row(strings({"统一社会信用代码", "单位详细名称", "行业代码", "是否规上", "工业总产值(当年价格)(千元)", "营业收入（千元）",
                    "主营业务收入（千元）", "工业增加值（万元）", "R&D经费支出（万元）", "综合能源消费量(吨标准煤)", "从业人员平均人数(人)"}));
  tax.row(strings({"纳税人识别号", "纳税人名称", "实缴税金(元)", "所属期"}));
  land.row(strings({"不动产权证号", "权利人", "统一社会信用代码", "宗地面积（平方米）", "权属", "坐落镇街"}));
  int64_t parcels = 0;
  for (int64_t i = 0; i < opt.enterprises; ++i) {
    const std::string& town = towns[rng.below(towns.size())];
    size_t ti = rng.below(std::size(kTrade));
    std::string uscc = uscc_of(i, "5001" + std::to_string(10 + rng.below(40)));
    std::string name = town.substr(0, 6) + kSyl[rng.below(32)] + kSyl[rng.below(32)] + kTrade[ti] + "有限公司";
    // Pareto(α = 1.16) output in 千元, from 500 (50 万元), capped at 5e7 (500 亿元)
    double u = 1.0 - rng.unit();
    int64_t out = static_cast<int64_t>(std::min(5e7, 500.0 / std::pow(u, 1.0 / 1.16)));
    int64_t main_rev = out * rng.range(930, 1020) / 1000;
    int64_t va = out * rng.range(180, 420) / 1000;
    int64_t tax_fen = out * 100 * rng.range(3, 60) + rng.range(0, 99);
    reg.row({Cell::str(uscc), Cell::str(name), Cell::str(kCodes[ti]), Cell::str(town), Cell::num(rng.range(1990, 2024))});
    Cell rd = rng.chance(30) ? Cell::str("—") : Cell::num(main_rev * rng.range(0, 50) / 1000, 1);
    stat.row({Cell::str(uscc), Cell::str(name), Cell::str(kCodes[ti]), Cell::str(main_rev >= 20000 ? "是" : "否"), Cell::num(out),
              Cell::num(main_rev * rng.range(1000, 1040) / 1000), Cell::num(main_rev), Cell::num(va, 1), rd,
              Cell::num(out * rng.range(10, 400) / 100, 2), Cell::num(std::max<int64_t>(3, out / rng.range(800, 2500)))});
    tax.row({Cell::str(uscc), Cell::str(name), rng.chance(10) ? Cell::empty() : Cell::str(decimal_text(tax_fen, 2)), Cell::str("2024")});
    // land: log-uniform 1–2000 亩, in 1–4 parcels; about 15 % leased
    double mu = std::exp(rng.unit() * std::log(2000.0));
    int64_t area = static_cast<int64_t>(mu * 10000.0 / 15.0 * 100.0);  // 0.01 m²
    int n = static_cast<int>(rng.range(1, 4));
    for (int k = 0; k < n; ++k) {
      int64_t part = k == n - 1 ? area : area / n;
      area -= part;
      bool leased = rng.chance(150);
      land.row({Cell::str("P" + std::to_string(i) + "-" + std::to_string(k + 1)), Cell::str(leased ? town + "工业园区管委会" : name),
                Cell::str(uscc), Cell::num(std::max<int64_t>(part, 100), 2), Cell::str(leased ? "租赁" : "自有"), Cell::str(town)});
      ++parcels;
    }
  }
  reg.close();
  stat.close();
  tax.close();
  land.close();
  return parcels;
}

}  // namespace genzone
