// mujun stats — the zone's yearly data overview (数据一览): figures, cluster membership check,
// bulletin files, and the check of a published overview. See docs/statistics.md.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/context.h"
#include "service/statistics.h"
#include "reports/bulletin_html.h"
#include "reports/bulletin_md.h"
#include "reports/bulletin_xlsx.h"
#include "statistics/bulletin.h"
#include "statistics/check.h"
#include "statistics/display.h"

namespace mujun::cli {

namespace {

namespace fs = std::filesystem;
namespace st = statistics;

struct Options {
  int year = 0;
  std::string taxonomy, config, check, out;
  std::vector<std::string> overrides;
};

/// Prints issues; true when none is an error.
bool report_issues(const Issues& issues) {
  bool ok = true;
  for (const auto& i : issues) {
    bool err = i.severity == Severity::Error;
    ok = ok && !err;
    std::cerr << fmt::format("{} {}{}{}{}: {}\n", err ? "错误 / error:" : "警告 / warning:", i.file,
                             i.row ? fmt::format(" 第 {} 行", i.row) : "", i.column.empty() ? "" : " [" + i.column + "]",
                             i.raw_value.empty() ? "" : " 值 “" + i.raw_value + "”", i.message);
  }
  return ok;
}

void print_table(const st::Bulletin& b) {
  std::cout << st::bulletin_title(b) << fmt::format("（分类体系 {}；金额精确求和；增速为同口径现价）\n", b.taxonomy_id);
  std::size_t w = 0;
  for (const auto& f : b.figures) w = std::max(w, st::display_width(f.label));
  for (const auto& sec : st::sections(b)) {
    std::cout << "\n── " << sec << " ──\n";
    for (const auto& f : b.figures) {
      if (f.section != sec) continue;
      std::cout << "  " << st::pad(f.label, w) << "  " << st::pad(st::display_value(f), 12, true) << " " << f.unit;
      if (!f.value && !f.note.empty()) std::cout << "  （" << f.note << "）";
      std::cout << "\n";
    }
  }
  const auto& m = b.membership;
  std::size_t unmatched_above = std::count_if(m.unmatched.begin(), m.unmatched.end(),
                                              [](const st::MembershipRow& r) { return r.above_scale == 1; });
  std::cout << fmt::format("\n集群归属核对：按调整表归属 {} 家；不属于任何集群的工业企业 {} 家（其中规上 {} 家）；"
                           "属于多个集群 {} 家；调整表中本年无数据的企业 {} 家\n",
                           m.overridden, m.unmatched.size(), unmatched_above, m.multiple.size(),
                           m.overrides_not_found.size());
  for (const auto& r : m.multiple)
    std::cout << fmt::format("  多个集群 / several clusters: {} {} {} → {}\n", r.uscc, r.name, r.industry_code,
                             st::join(r.clusters));
}

void print_check(const st::CheckReport& c, const std::string& file) {
  std::cout << fmt::format("\n与公布数据核对 / check against {}：{}\n", file, c.title);
  auto lines = [](const char* title, const std::vector<st::CheckLine>& v) {
    std::cout << "\n── " << title << " ──\n";
    for (const auto& l : v) {
      std::cout << fmt::format("  [{}] {}（{}）\n", st::verdict_zh(l.verdict), l.label, l.id);
      if (!l.arithmetic.empty()) std::cout << "      " << l.arithmetic << "\n";
      std::cout << "      → " << l.message << "\n";
    }
  };
  lines("数据能否复现公布值 / reproduced by the data", c.reproduction);
  lines("公布数字之间是否一致 / consistent with each other", c.consistency);
  std::size_t pass = 0, fail = 0, skip = 0;
  for (const auto* v : {&c.reproduction, &c.consistency})
    for (const auto& l : *v) (l.verdict == st::Verdict::Pass ? pass : l.verdict == st::Verdict::Fail ? fail : skip)++;
  std::cout << fmt::format("\n合计：符合 {}，不符 {}，未检查 {} / pass {}, fail {}, not checked {}\n", pass, fail, skip,
                           pass, fail, skip);
}

int run_stats(const Options& o, const Context& ctx) {
  service::StatsInputs in{o.taxonomy, o.overrides, o.config, o.check};
  service::StatsReporter reporter{[](const Issues& issues) { report_issues(issues); },
                                  [](const std::string& w) { std::cerr << w << "\n"; }};
  service::StatsRules rules;
  try {
    rules = service::load_stats_rules(in, resource_root(), o.year, reporter);
  } catch (const service::UnreadableFile& e) {
    std::cerr << "错误 / error: " << e.what() << "\n";
    return kRejected;
  } catch (const service::StatsRulesRejected&) {
    return kRejected;
  }

  auto store = ctx.open_store();
  service::YearStatistics ys;
  try {
    ys = service::year_statistics(*store, o.year, rules);
  } catch (const service::MissingYear& m) {
    std::cerr << fmt::format("错误 / error: 数据库 {} 中没有 {} 年的数据（已有年份：{}）。请先用 mujun import 导入该年数据 "
                             "/ no data for {} in the database\n",
                             ctx.db_path, o.year, fmt::join(m.years, "、"), o.year);
    return kRejected;
  }
  const std::vector<int>& years = ys.years;
  const st::Bulletin& b = ys.bulletin;
  const std::optional<st::CheckReport>& check = ys.check;

  if (!o.out.empty()) {
    std::string ext = fs::path(o.out).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext == ".md") {
      reports::write_bulletin_md(o.out, b, check ? &*check : nullptr);
    } else if (ext == ".xlsx") {
      reports::write_bulletin_xlsx(o.out, b, check ? &*check : nullptr);
    } else if (ext == ".html" || ext == ".htm") {
      std::vector<st::Bulletin> trend;
      for (int y : years)
        if (y < o.year && y >= o.year - 4) trend.push_back(service::bulletin_of(*store, y, rules, years));
      reports::BulletinHtmlInput in;
      in.bulletin = &b;
      for (const auto& t : trend) in.trend.push_back(&t);
      in.class_counts = service::class_counts(*store, o.year, in.class_source);
      in.check = check ? &*check : nullptr;
      reports::write_bulletin_html(o.out, in);
    } else {
      std::cerr << fmt::format("错误 / error: --out {} 的扩展名应为 .xlsx、.html 或 .md / unsupported output type\n", o.out);
      return kUsage;
    }
  }

  if (ctx.json) {
    nlohmann::json j = service::statistics_json(ys);
    if (!o.out.empty()) j["out"] = o.out;
    std::cout << j.dump(2) << "\n";
  } else {
    print_table(b);
    if (check) print_check(*check, o.check);
    if (!o.out.empty()) std::cout << fmt::format("\n已写入 / written: {}\n", o.out);
  }
  return kOk;
}

}  // namespace

void add_stats(CLI::App& app, Context& ctx, int* exit_code) {
  auto opts = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("stats", "园区年度数据一览：总量、增速、集群、亩均、梯度培育、核对公布数据 / the zone's "
                                          "yearly overview");
  cmd->add_option("--year", opts->year, "年份 / year")->required();
  cmd->add_option("--taxonomy", opts->taxonomy,
                  "产业集群分类体系 TOML / cluster taxonomy (默认 taxonomies/wansheng-231.toml)");
  cmd->add_option("--config", opts->config,
                  "配置 TOML：全区税收总额、双倍增目标等 / configuration (zone total tax, 双倍增 targets)");
  cmd->add_option("--overrides", opts->overrides, "附加的集群归属调整表 CSV / extra cluster override lists");
  cmd->add_option("--out", opts->out, "写出数据一览 / write the overview: bulletin.xlsx | .html | .md");
  cmd->add_option("--check", opts->check,
                  "核对公布的数据一览 TOML（其中的 [zone] 等配置也会读取） / check a published overview");
  cmd->footer("例 / example:  mujun stats --year 2024 --check examples/wansheng-2024/published.toml --out bulletin.html");
  cmd->callback([opts, &ctx, exit_code] {
    try {
      *exit_code = run_stats(*opts, ctx);
    } catch (const std::runtime_error& e) {
      std::cerr << "错误 / error: " << e.what() << "\n";
      *exit_code = kRejected;
    }
  });
}

}  // namespace mujun::cli
