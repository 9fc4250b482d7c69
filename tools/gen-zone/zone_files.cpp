#include "zone_files.h"

#include <algorithm>
#include <fstream>
#include <stdexcept>

#include "csv_out.h"
#include "table.h"
#include "xlsx_out.h"

namespace genzone {
namespace {

using C = Cell;

const char* kStatHeaders[] = {"统一社会信用代码", "单位详细名称", "行业代码", "是否规上", "工业总产值(当年价格)(千元)",
                              "工业销售产值（千元）", "营业收入（千元）", "主营业务收入（千元）", "工业增加值（万元）",
                              "利润总额（千元）", "R&D经费支出（万元）", "综合能源消费量(吨标准煤)", "从业人员平均人数(人)",
                              "从业人员期末人数", "资产总计（千元）", "负债合计（千元）"};
enum StatCol { kUscc, kName, kCode, kAbove, kOut, kSales, kRevenue, kMainRevenue, kVa, kProfit, kRd, kEnergy,
               kEmpAvg, kEmpEnd, kAssets, kLiab, kStatCols };

Row header(std::initializer_list<const char*> names) {
  Row r;
  for (auto n : names) r.push_back(C::str(n));
  return r;
}

bool has_letter(const std::string& s) {
  for (char c : s) if (c >= 'A' && c <= 'Z') return true;
  return false;
}

std::string lower(std::string s) {
  for (auto& c : s) if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

class Writer {
 public:
  Writer(const Zone& z, std::string dir) : z_(z), dir_(std::move(dir)) {}

  std::vector<Flaw> run() {
    registry();
    for (int yi = 0; yi < 3; ++yi) statistics(yi);
    for (int yi = 1; yi < 3; ++yi) tax(yi);
    land();
    electricity();
    emissions();
    certificates();
    sci_tech();
    support();
    overrides();
    totals();
    flaws_md();
    return flaws_;
  }

 private:
  const Zone& z_;
  std::string dir_;
  std::vector<Flaw> flaws_;

  std::string path(const std::string& f) const { return dir_ + "/" + f; }
  void flaw(std::string file, std::string sheet, int row, std::string col, std::string value, std::string what,
            std::string expected) {
    flaws_.push_back({std::move(file), std::move(sheet), row, std::move(col), std::move(value), std::move(what), std::move(expected)});
  }

  // firms in a stable "export" order: by industry code, then code
  std::vector<const Firm*> sorted(auto pred) const {
    std::vector<const Firm*> v;
    for (auto& f : z_.firms) if (pred(f)) v.push_back(&f);
    std::stable_sort(v.begin(), v.end(), [](const Firm* a, const Firm* b) {
      return a->industry_code != b->industry_code ? a->industry_code < b->industry_code : a->uscc < b->uscc;
    });
    return v;
  }

  // ---- registry --------------------------------------------------------------------------------------------
  void registry() {
    Sheet s{"企业名录", false, {header({"统一社会信用代码", "企业名称", "行业代码", "所在镇街", "投产年份"})}, {}};
    auto firms = sorted([](const Firm&) { return true; });
    int lowered = 0, spaced = 0, prefixed = 0;
    for (size_t k = 0; k < firms.size(); ++k) {
      const Firm& f = *firms[k];
      int row = static_cast<int>(s.rows.size()) + 1;
      std::string uscc = f.uscc, name = f.name, code = f.industry_code;
      if (k >= 50 && lowered < 1 && f.role.empty() && has_letter(f.uscc)) {
        uscc = lower(uscc); ++lowered;
        flaw("registry.xlsx", s.name, row, "统一社会信用代码", uscc, "小写字母 / lower case", "接受并转为大写 / accepted, upper-cased");
      }
      if (k % 173 == 90 && spaced < 2) {
        name += "  "; ++spaced;
        flaw("registry.xlsx", s.name, row, "企业名称", name, "尾随空格 / trailing spaces", "去除空格后接受 / trimmed, accepted");
      }
      if (f.industrial && k % 97 == 40 && prefixed < 2 && code[0] >= '1' && code[0] <= '4') {
        code = "C" + code; ++prefixed;
        flaw("registry.xlsx", s.name, row, "行业代码", code, "带门类字母 / with section letter", "接受 / accepted as " + f.industry_code);
      }
      if (f.role == "pilot_uscc")
        flaw("registry.xlsx", s.name, row, "统一社会信用代码", uscc, "校验码不符（早期试点代码式样）/ check character fails (pilot-era style)",
             "警告并接受 / warning, accepted (same code in every file)");
      s.rows.push_back({C::str(uscc), C::str(name), C::str(code), C::str(f.township), C::num(f.start_year)});
    }
    write_xlsx(path("registry.xlsx"), {s});
  }

  // ---- statistics ------------------------------------------------------------------------------------------
  Row stat_row(const Firm& f, const YearStats& y) const {
    Row r(kStatCols);
    r[kUscc] = C::str(f.uscc);
    r[kName] = C::str(f.name);
    r[kCode] = C::str(f.industry_code);
    r[kAbove] = C::str(y.above ? "是" : "否");
    r[kOut] = C::num(y.out);
    r[kSales] = C::num(y.sales);
    r[kRevenue] = C::num(y.revenue);
    r[kMainRevenue] = C::num(y.main_revenue);
    r[kVa] = C::num(y.value_added, 1);
    r[kProfit] = C::num(y.profit);
    r[kRd] = y.rd >= 0 ? C::num(y.rd, 1) : ((f.index % 2) ? C::str("—") : C::empty());
    r[kEnergy] = y.energy >= 0 ? C::num(y.energy, 2) : ((f.index % 2) ? C::empty() : C::str("—"));
    r[kEmpAvg] = C::num(y.employees_avg);
    r[kEmpEnd] = C::num(y.employees_end);
    r[kAssets] = C::num(y.assets);
    r[kLiab] = C::num(y.liabilities);
    return r;
  }

  void statistics(int yi) {
    const int year = kFirstYear + yi;
    const std::string file = "statistics-" + std::to_string(year) + ".xlsx";
    Sheet s;
    s.name = yi == 2 ? "2024年" : "工业企业主要指标";
    if (yi == 2) {
      // title row, then a two-row header: identity columns merged vertically, "2024年" merged over the metrics
      s.rows.push_back({C::str("2024年万盛经开区工业企业主要经济指标（规上、规下）")});
      s.merges.push_back({0, 0, 0, kStatCols - 1, "2024年万盛经开区工业企业主要经济指标（规上、规下）"});
      Row top(kStatCols), bottom(kStatCols);
      for (int c = 0; c < kStatCols; ++c) {
        if (c <= kAbove) s.merges.push_back({1, c, 2, c, kStatHeaders[c]});
        else bottom[c] = C::str(kStatHeaders[c]);
      }
      s.merges.push_back({1, kOut, 1, kStatCols - 1, "2024年"});
      s.rows.push_back(top);
      s.rows.push_back(bottom);
    } else {
      Row h;
      for (auto n : kStatHeaders) h.push_back(C::str(n));
      s.rows.push_back(h);
    }
    auto firms = sorted([&](const Firm& f) { return f.y[yi].present; });
    std::stable_partition(firms.begin(), firms.end(), [&](const Firm* f) { return f->y[yi].above; });
    int plain_below = 0, plain_above = 0;
    bool lowered_below = false, lowered_above = false, unit_above = false;
    for (const Firm* fp : firms) {
      const Firm& f = *fp;
      const YearStats& y = f.y[yi];
      Row r = stat_row(f, y);
      int row = static_cast<int>(s.rows.size()) + 1;
      auto note = [&](int col, const std::string& what, const std::string& expected) {
        const Cell& c = r[col];
        flaw(file, s.name, row, kStatHeaders[col], c.kind == Cell::Number ? decimal_text(c.scaled, c.decimals) : c.text, what, expected);
      };
      bool special = !f.role.empty();
      if (yi == 2) {
        if (f.role == "bad_length") {
          r[kUscc] = C::str(f.uscc.substr(0, 9) + f.uscc.substr(10));
          note(kUscc, "代码长度17位 / USCC of 17 characters", "拒绝该行 / row rejected (firm is 规下, no R&D: outside every calibrated figure)");
        }
        if (f.role == "va_above_output")
          note(kVa, "工业增加值大于工业总产值 / value added above gross output", "错误，拒绝该行 / error, row rejected (规下 firm without R&D)");
        if (f.role == "pilot_uscc")
          note(kUscc, "校验码不符 / check character fails", "警告并接受 / warning, accepted");
        if (f.role == "entrant") note(kAbove, "2023年为规下、2024年进入规上 / enters 规上 in 2024", "同口径 2023 值计入 / its 2023 output is in the same-scope 275.40");
        if (f.role == "leaver") note(kAbove, "2023年规上、2024年退出 / leaves 规上 in 2024", "不计入 2024 规上 / outside 2024 规上 and the same scope");
        if (!special && !y.above) {
          ++plain_below;
          if (plain_below == 5 || plain_below == 60) {
            r[kVa] = C::str(grouped_text(y.value_added, 1) + "万元");
            note(kVa, "数值带单位 / unit inside the cell", "解析为万元并接受 / parsed as 万元, accepted");
          }
          if (plain_below == 12 || plain_below == 77) {
            r[kEmpEnd] = C::str(fullwidth_digits(std::to_string(y.employees_end)));
            note(kEmpEnd, "全角数字 / full-width digits", "转为半角并接受 / normalised, accepted");
          }
          if (plain_below == 20 || plain_below == 95) {
            r[kName] = C::str(f.name + "  ");
            note(kName, "尾随空格 / trailing spaces", "去除并接受 / trimmed, accepted");
          }
          if (plain_below >= 30 && !lowered_below && has_letter(f.uscc)) {
            lowered_below = true;
            r[kUscc] = C::str(lower(f.uscc));
            note(kUscc, "小写字母 / lower case", "转为大写并接受 / upper-cased, accepted");
          }
          if (plain_below == 41) {
            r[kUscc] = C::str(f.uscc + " ");
            note(kUscc, "尾随空格 / trailing space", "去除并接受 / trimmed, accepted");
          }
          if ((plain_below == 8 || plain_below == 50) && y.rd < 0) note(kRd, "缺失（不是零）/ missing, not zero", "记为缺失 / kept missing");
        }
        if (!special && y.above) {
          ++plain_above;
          if (plain_above >= 7 && !unit_above && y.value_added >= 10000) {
            unit_above = true;
            r[kVa] = C::str(grouped_text(y.value_added, 1) + "万元");
            note(kVa, "数值带单位和千分位 / unit and thousands separator inside the cell", "解析为万元并接受 / parsed as 万元, accepted");
          }
          if (plain_above == 15) {
            r[kOut] = C::str(fullwidth_digits(decimal_text(y.out, 0)));
            note(kOut, "全角数字 / full-width digits", "转为半角并接受 / normalised, accepted (counts in 290.0)");
          }
          if (plain_above == 22 || plain_above == 44 || plain_above == 66) {
            r[kRevenue] = C::str(grouped_text(y.revenue, 0));
            note(kRevenue, "千分位文本 / text with thousands separators", "解析并接受 / parsed, accepted");
          }
          if (plain_above == 30 || plain_above == 90) {
            r[kCode] = C::str("C" + f.industry_code);
            note(kCode, "带门类字母 / with section letter", "接受 / accepted as " + f.industry_code);
          }
          if (plain_above >= 55 && !lowered_above && has_letter(f.uscc)) {
            lowered_above = true;
            r[kUscc] = C::str(lower(f.uscc));
            note(kUscc, "小写字母 / lower case", "转为大写并接受 / upper-cased, accepted");
          }
        }
      } else if (yi == 1 && !special) {
        ++plain_below;
        if (plain_below == 25) {
          r[kUscc] = C::str(fullwidth_digits(f.uscc));
          note(kUscc, "代码中的全角数字 / full-width digits in the code", "转为半角并接受 / normalised, accepted");
        }
        if (plain_below == 140) {
          r[kUscc] = C::str(" " + f.uscc + " ");
          note(kUscc, "前后空格 / surrounding spaces", "去除并接受 / trimmed, accepted");
        }
      }
      s.rows.push_back(r);
      if (yi == 2 && !special && !y.above && plain_below == 33) {
        s.rows.push_back(r);
        flaw(file, s.name, row + 1, "(整行 / whole row)", f.uscc, "与上一行完全重复 / exact duplicate of the row above",
             "去重，计一次 / counted once");
      }
    }
    std::vector<Sheet> sheets{s};
    if (yi == 2) {
      Sheet notes{"填报说明", true, {}, {}};
      for (const char* line : {"填报说明（隐藏工作表）", "1. 工业总产值按当年价格计算，单位千元。", "2. 工业增加值、R&D经费支出单位万元。",
                               "3. 是否规上：主营业务收入2000万元及以上的工业法人单位。", "4. 本表为合成示例数据，不代表真实企业。"})
        notes.rows.push_back({C::str(line)});
      sheets.push_back(notes);
      flaw(file, "填报说明", 1, "", "", "隐藏的说明工作表 / hidden sheet of notes", "忽略（不是数据）/ ignored, not data");
      flaw(file, s.name, 1, "", "", "标题行 + 两行合并表头（\"2024年\"跨指标列）/ title row and two-row merged header",
           "表头取第3行，身份列取合并单元格 / headers read from row 3 and the merged identity cells");
    }
    write_xlsx(path(file), sheets);
  }

  // ---- tax -------------------------------------------------------------------------------------------------
  void tax(int yi) {
    const int year = kFirstYear + yi;
    const std::string file = "tax-" + std::to_string(year) + ".csv";
    Sheet s{"", false, {header({"纳税人识别号", "纳税人名称", "实缴税金(元)", "所属期"})}, {}};
    std::vector<const Firm*> firms;
    for (auto& f : z_.firms) if (f.y[yi].tax >= 0) firms.push_back(&f);
    std::stable_sort(firms.begin(), firms.end(), [](const Firm* a, const Firm* b) { return a->uscc < b->uscc; });
    int k = 0, lowered = 0;
    for (const Firm* fp : firms) {
      const Firm& f = *fp;
      ++k;
      int row = static_cast<int>(s.rows.size()) + 1;
      std::string uscc = f.uscc, name = f.name;
      std::string amount = k % 3 == 0 ? grouped_text(f.y[yi].tax, 2) : decimal_text(f.y[yi].tax, 2);
      if (k % 3 == 0 && f.y[yi].tax >= 100000000 && yi == 2 && k < 40)
        flaw(file, "", row, "实缴税金(元)", amount, "千分位 / thousands separators (every 3rd row)", "解析并接受 / parsed, accepted");
      if (yi == 2 && lowered < 3 && (k >= 17 + 120 * lowered) && f.role.empty() && has_letter(uscc)) {
        ++lowered;
        uscc = lower(uscc);
        flaw(file, "", row, "纳税人识别号", uscc, "小写字母 / lower case", "转为大写并接受 / upper-cased, accepted");
      }
      if (yi == 2 && (k == 45 || k == 201)) {
        name += " ";
        flaw(file, "", row, "纳税人名称", name, "尾随空格 / trailing space", "去除并接受 / trimmed, accepted");
      }
      Row r{C::str(uscc), C::str(name), C::str(amount), C::str(std::to_string(year))};
      s.rows.push_back(r);
      if (yi == 2 && f.y[2].above && f.role.empty() && k > 100 && k < 300 && s.rows.size() > 1 &&
          std::none_of(flaws_.begin(), flaws_.end(), [&](const Flaw& x) { return x.file == file && x.what.find("重复") != std::string::npos; })) {
        s.rows.push_back(r);
        flaw(file, "", row + 1, "(整行 / whole row)", uscc, "与上一行完全重复（规上企业）/ exact duplicate of the row above (a 规上 firm)",
             "去重，计一次 / counted once (otherwise 工业税收 and 亩均税收 would be off)");
      }
    }
    flaw(file, "", 1, "", "", "GBK 编码、CRLF 换行 / GBK encoded, CRLF line ends", "按 GB18030 解码 / decoded as GB18030 (GBK subset)");
    write_csv(path(file), s, Encoding::Gbk, true);
  }

  // ---- land --------------------------------------------------------------------------------------------------
  void land() {
    const std::string file = "land-parcels.xlsx";
    Sheet s{"宗地清单", false, {header({"不动产权证号", "权利人", "统一社会信用代码", "宗地面积（平方米）", "权属", "坐落镇街"})}, {}};
    int k = 0;
    for (const Firm* fp : sorted([](const Firm& f) { return !f.parcels.empty(); })) {
      for (const Parcel& p : fp->parcels) {
        ++k;
        int row = static_cast<int>(s.rows.size()) + 1;
        std::string holder = p.holder;
        Cell area = C::num(p.area, 2);
        if (k == 33 || k == 310) {
          area = C::str(grouped_text(p.area, 2) + "平方米");
          flaw(file, s.name, row, "宗地面积（平方米）", area.text, "数值带单位和千分位 / unit and separators in the cell",
               "解析为平方米并接受 / parsed as m², accepted");
        }
        if (k == 71 || k == 402) {
          holder += "  ";
          flaw(file, s.name, row, "权利人", holder, "尾随空格 / trailing spaces", "去除并接受 / trimmed, accepted");
        }
        s.rows.push_back({C::str(p.cert), C::str(holder), C::str(fp->uscc), area, C::str(p.leased ? "租赁" : "自有"), C::str(p.township)});
      }
    }
    write_xlsx(path(file), {s});
  }

  // ---- energy and emissions ------------------------------------------------------------------------------------
  void electricity() {
    const std::string file = "electricity-2024.csv";
    Sheet s{"", false, {header({"统一社会信用代码", "户名", "用电量（千瓦时）"})}, {}};
    int k = 0;
    for (const Firm* fp : sorted([](const Firm& f) { return f.y[2].electricity >= 0; })) {
      ++k;
      Cell v = C::num(fp->y[2].electricity);
      if (k == 58) {
        v = C::str("—");
        flaw(file, "", static_cast<int>(s.rows.size()) + 1, "用电量（千瓦时）", "—", "缺失（不是零）/ missing, not zero", "记为缺失 / kept missing");
      }
      s.rows.push_back({C::str(fp->uscc), C::str(fp->name), v});
    }
    flaw(file, "", 1, "", "", "UTF-8 带 BOM / UTF-8 with BOM", "去除 BOM / BOM stripped");
    write_csv(path(file), s, Encoding::Utf8Bom, false);
  }

  void emissions() {
    Sheet s{"主要污染物排放", false,
            {header({"统一社会信用代码", "企业名称", "化学需氧量（吨）", "氨氮（吨）", "二氧化硫（吨）", "氮氧化物（吨）", "主要污染物排放量（吨）"})}, {}};
    for (const Firm* fp : sorted([](const Firm& f) { return f.emits; })) {
      const Firm& f = *fp;
      s.rows.push_back({C::str(f.uscc), C::str(f.name), C::num(f.cod, 3), C::num(f.ammonia, 3), C::num(f.so2, 3),
                        C::num(f.nox, 3), C::num(f.cod + f.ammonia + f.so2 + f.nox, 3)});
    }
    write_xlsx(path("emissions-2024.xlsx"), {s});
  }

  // ---- certificates, 科技局, support -------------------------------------------------------------------------------
  void certificates() {
    const std::string file = "certificates.xlsx";
    Sheet s{"认定名单", false, {header({"统一社会信用代码", "企业名称", "认定类型", "级别", "证书编号", "认定日期", "有效期至"})}, {}};
    std::vector<std::pair<const Firm*, const Cert*>> rows;
    for (auto& f : z_.firms) for (auto& c : f.certs) rows.push_back({&f, &c});
    std::stable_sort(rows.begin(), rows.end(), [](auto& a, auto& b) {
      return a.second->type != b.second->type ? a.second->type < b.second->type : a.second->issued < b.second->issued;
    });
    int k = 0;
    for (auto& [f, c] : rows) {
      ++k;
      int row = static_cast<int>(s.rows.size()) + 1;
      std::string issued = c->issued;
      if (k == 40 || k == 400) {
        issued = issued.substr(0, 4) + "/" + std::to_string(std::stoi(issued.substr(5, 2))) + "/" + std::to_string(std::stoi(issued.substr(8, 2)));
        flaw(file, s.name, row, "认定日期", issued, "日期写法 yyyy/m/d / date as yyyy/m/d", "解析并接受 / parsed, accepted");
      }
      if (k == 90) {
        issued = issued.substr(0, 4) + "年" + std::to_string(std::stoi(issued.substr(5, 2))) + "月" + std::to_string(std::stoi(issued.substr(8, 2))) + "日";
        flaw(file, s.name, row, "认定日期", issued, "中文日期 / date as yyyy年m月d日", "解析并接受 / parsed, accepted");
      }
      if (c->type == "高新技术企业" && c->expires < "2024-12-31")
        flaw(file, s.name, row, "有效期至", c->expires, "已过期（未重新认定）/ expired, not renewed", "不计入 2024 年末持有数 / not held at 2024-12-31 (72 excludes it)");
      s.rows.push_back({C::str(f->uscc), C::str(f->name), C::str(c->type), C::str(c->level), C::str(c->number), C::str(issued),
                        c->expires.empty() ? C::empty() : C::str(c->expires)});
    }
    write_xlsx(path(file), {s});
  }

  void sci_tech() {
    Sheet s{"2024年企业科技统计", false,
            {header({"统一社会信用代码", "企业名称", "科技人员数", "研发人员数", "高新技术产品（服务）收入（万元）", "发明专利", "实用新型专利", "软件著作权"})}, {}};
    int k = 0;
    for (const Firm* fp : sorted([](const Firm& f) { return f.sci_tech; })) {
      const Firm& f = *fp;
      ++k;
      Cell ht = f.high_tech_revenue >= 0 ? C::num(f.high_tech_revenue, 1) : C::str("—");
      if (k == 3 && f.high_tech_revenue < 0)
        flaw("sci-tech-2024.xlsx", s.name, static_cast<int>(s.rows.size()) + 1, "高新技术产品（服务）收入（万元）", "—", "缺失（不是零）/ missing, not zero", "记为缺失 / kept missing");
      s.rows.push_back({C::str(f.uscc), C::str(f.name), C::num(f.st_staff), C::num(f.rd_staff), ht, C::num(f.invention_patents),
                        C::num(f.utility_patents), C::num(f.software_copyrights)});
    }
    write_xlsx(path("sci-tech-2024.xlsx"), {s});
  }

  void support() {
    const std::string file = "support-records.xlsx";
    Sheet s{"政策支持", false, {header({"统一社会信用代码", "企业名称", "项目", "金额（万元）", "日期"})}, {}};
    int k = 0;
    for (const auto& sp : z_.support) {
      ++k;
      const Firm& f = z_.firms[static_cast<size_t>(sp.firm)];
      Cell amount = C::num(sp.amount, 2);
      if (k == 12) {
        amount = C::str(grouped_text(sp.amount, 2) + "万元");
        flaw(file, s.name, static_cast<int>(s.rows.size()) + 1, "金额（万元）", amount.text, "数值带单位 / unit inside the cell", "解析为万元并接受 / parsed, accepted");
      }
      s.rows.push_back({C::str(f.uscc), C::str(f.name), C::str(sp.program), amount, C::str(sp.date)});
    }
    write_xlsx(path(file), {s});
  }

  // ---- small text files ------------------------------------------------------------------------------------------
  void overrides() {
    Sheet s{"", false, {header({"统一社会信用代码", "企业名称", "行业代码", "产业集群", "说明"})}, {}};
    for (auto& f : z_.firms)
      if (f.override_cluster)
        s.rows.push_back({C::str(f.uscc), C::str(f.name), C::str(f.industry_code), C::str(kClusterNames[static_cast<size_t>(f.cluster)]), C::str(f.override_reason)});
    write_csv(path("cluster-overrides.csv"), s, Encoding::Utf8, false);
  }

  void totals() {
    int64_t industrial[2] = {0, 0};
    for (auto& f : z_.firms)
      for (int yi = 1; yi < 3; ++yi) if (f.y[yi].tax >= 0) industrial[yi - 1] += f.y[yi].tax;
    std::ofstream o(path("zone-totals.toml"), std::ios::binary);
    if (!o) throw std::runtime_error("无法创建文件 / cannot create " + path("zone-totals.toml"));
    o << "# 万盛经开区（合成示例）— zone-level inputs that no enterprise file carries.\n"
         "# Generated by tools/gen-zone (seed " << z_.seed << "). Money in 万元.\n"
         "# The zone total tax is a given input (税务局 zone total, all taxpayers); 工业税收 is the sum of the\n"
         "# tax-YYYY.csv rows (every industrial firm of the statistics files, duplicates counted once).\n\n"
         "[tax.2024]\nzone_total = " << decimal_text(z_.zone_total_tax[1], 6) << "\nindustrial = " << decimal_text(industrial[1], 6)
      << "\nindustrial_share_published = 0.589\n\n"
         "[tax.2023]\nzone_total = " << decimal_text(z_.zone_total_tax[0], 6) << "\nindustrial = " << decimal_text(industrial[0], 6)
      << "\n\n[support.2024]\ninnovation_rewards = 282.00          # 科技创新奖励资金, 万元 (support-records.xlsx)\n"
         "knowledge_value_loans_firms = 149    # 知识价值信用贷款, cumulative distinct firms\n"
         "knowledge_value_loans_total = 20700  # 万元 cumulative (2.07 亿元)\n";
  }

  void flaws_md() {
    std::ofstream o(path("FLAWS.md"), std::ios::binary);
    if (!o) throw std::runtime_error("无法创建文件 / cannot create " + path("FLAWS.md"));
    o << "# Deliberate flaws in the example zone's files (generated by tools/gen-zone, seed " << z_.seed << ")\n\n"
         "Row numbers are 1-based as Excel / a text editor shows them (header rows included).\n"
         "Rejected rows belong to 规下 firms without R&D, outside every calibrated figure; exact duplicates are\n"
         "counted once. Columns and cells not listed here also use \"—\" or empty for missing values (R&D,\n"
         "energy of some 规下 firms): missing, never zero.\n\n"
         "| file | sheet | row | column | value written | what is wrong | a correct importer |\n|---|---|---|---|---|---|---|\n";
    for (auto& f : flaws_)
      o << "| " << f.file << " | " << f.sheet << " | " << f.row << " | " << f.column << " | " << f.value << " | " << f.what
        << " | " << f.expected << " |\n";
  }
};

}  // namespace

std::vector<Flaw> write_zone_files(const Zone& zone, const std::string& dir) { return Writer(zone, dir).run(); }

}  // namespace genzone
