// mujun evaluate --year Y --scheme FILE [--out results.xlsx] — the main job: evaluates the year's
// snapshot under a scheme, stores the run (scheme text hash + snapshot hash + result JSON), prints a
// summary (per cohort N and class counts; zone per-mu figures as ratios of sums; top and bottom ten)
// or, with --json, the result JSON (evaluation/result_json.h). Exit 1 for a bad scheme or a year
// without data.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>

#include <fmt/format.h>

#include "cli/context.h"
#include "evaluation/aggregate.h"
#include "evaluation/engine.h"
#include "reports/evaluation_workbook.h"
#include "service/evaluate.h"

namespace mujun::cli {
namespace {
namespace ev = evaluation;

struct Options {
  int year = 0;
  std::string scheme, out;
};

void print_scheme_error(const ev::SchemeError& e) {
  for (const auto& i : e.issues)
    std::cerr << fmt::format("错误 / error: {}{}{}: {}\n", i.file, i.row ? fmt::format(" 第 {} 行 / line {}", i.row, i.row) : "",
                             i.column.empty() ? "" : " 键 / key " + i.column, i.message);
  std::cerr << "评价办法被拒绝，未进行评价 / the scheme was rejected; nothing was evaluated\n";
}

void print_summary(const ev::Scheme& s, const Frame& f, const ev::EvaluationResult& r, long long run_id) {
  std::cout << fmt::format("{}（{}）— {} 年数据\n来源 / source: {}\n", s.name, s.id, r.year, s.source);
  if (!s.assumptions.empty()) std::cout << fmt::format("假设 / assumptions: {} 条，见 --out 工作簿“来源”页\n", s.assumptions.size());
  std::cout << fmt::format("\n{:<28} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}\n", "分组 / cohort", "N", "A", "B", "C", "D",
                           "T", "否决");
  std::vector<std::size_t> evaluated;
  for (std::size_t c = 0; c < s.cohorts.size(); ++c) {
    const auto& oc = r.cohorts[c];
    std::cout << fmt::format("{:<28} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}\n", s.cohorts[c].id, oc.members,
                             oc.counts[0], oc.counts[1], oc.counts[2], oc.counts[3], oc.counts[4], oc.vetoed);
  }
  std::cout << fmt::format("不在评价范围 / not in any cohort: {} 家\n", r.n - r.order.size());
  // Zone per-mu figures over the evaluated enterprises: ratios of sums.
  std::vector<std::size_t> all(r.order.begin(), r.order.end());
  std::cout << "\n参评企业亩均（Σ分子 / Σ用地，比值之和）/ per-mu of the evaluated firms, ratio of sums:\n";
  for (auto [metric, label] : {std::pair{"tax_paid", "亩均税收"}, std::pair{"value_added", "亩均增加值"},
                               std::pair{"gross_output", "亩均产值"}, std::pair{"revenue", "亩均营业收入"}}) {
    auto a = ev::per_mu(f, metric, r.land_mu, all);
    if (a.firms == 0) continue;
    std::cout << fmt::format("  {} {:.2f} 万元/亩 = {:.2f} 万元 / {:.2f} 亩（{} 家）\n", label, a.value(), a.numerator,
                             a.denominator, a.firms);
  }
  std::size_t pos = 0;
  for (std::size_t c = 0; c < s.cohorts.size(); ++c) {
    const std::size_t m = static_cast<std::size_t>(r.cohorts[c].members);
    if (m == 0) continue;
    auto line = [&](std::size_t i) {
      std::cout << fmt::format("  {:>5}  {}  {:>9.3f}  {}  {}\n", r.rank[i], f.uscc[i], r.total[i], r.klass[i], f.name[i]);
    };
    std::cout << fmt::format("\n{}（{}）前 10 名 / top 10:\n", s.cohorts[c].label, s.cohorts[c].id);
    for (std::size_t k = 0; k < std::min<std::size_t>(10, m); ++k) line(r.order[pos + k]);
    if (m > 10) {
      std::cout << "后 10 名 / bottom 10:\n";
      for (std::size_t k = m - std::min<std::size_t>(10, m - 10); k < m; ++k) line(r.order[pos + k]);
    }
    pos += m;
  }
  for (const auto& w : r.warnings) std::cout << "提示 / note: " << w << "\n";
  std::cout << fmt::format("\n评价记录已保存 / run stored: id {}\n", run_id);
}

int run_evaluate(const Options& o, const Context& ctx) {
  service::LoadedScheme loaded;
  try {
    loaded = service::load_scheme(o.scheme);
  } catch (const service::SchemeReadError& e) {
    std::cerr << "错误 / error: " << e.what() << "\n";
    return kRejected;
  } catch (const ev::SchemeError& e) {
    print_scheme_error(e);
    return kRejected;
  }
  auto store = ctx.open_store();
  service::Evaluation e;
  try {
    e = service::evaluate_and_store(*store, o.year, loaded, [](const std::string& w) { std::cerr << w << "\n"; });
  } catch (const service::MissingYear& m) {
    if (m.previous) {
      std::cerr << fmt::format("错误 / error: 评价办法 {} 以上一年均值为基准，但数据库中没有 {} 年的数据；请导入 {} 年数据 / the "
                               "scheme needs the previous year's data ({}), which is not in the database\n",
                               m.scheme_id, m.needed, m.needed, m.needed);
      return kRejected;
    }
    std::string list;
    for (int y : m.years) list += (list.empty() ? "" : ", ") + std::to_string(y);
    std::cerr << fmt::format("错误 / error: 数据库 {} 中没有 {} 年的数据（已有年份: {}）；请先 mujun import --year {} / no data "
                             "for {} in the database (years: {}); import it first\n",
                             ctx.db_path, o.year, list.empty() ? "无" : list, o.year, o.year, list.empty() ? "none" : list);
    return kRejected;
  }
  if (!o.out.empty()) {
    try {
      reports::write_evaluation_workbook(o.out, e.scheme, e.frame, e.result, e.provenance);
    } catch (const std::exception& x) {
      std::cerr << "错误 / error: " << x.what() << "\n";
      return kRejected;
    }
  }
  if (ctx.json) std::cout << e.json << "\n";
  else print_summary(e.scheme, e.frame, e.result, e.run_id);
  if (!o.out.empty() && !ctx.json) std::cout << "结果工作簿 / workbook: " << o.out << "\n";
  return kOk;
}
}  // namespace

void add_evaluate(CLI::App& app, Context& ctx, int* exit_code) {
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("evaluate", "亩均效益综合评价 / evaluate the year's enterprises under a scheme");
  cmd->add_option("--year", o->year, "数据年份 / data year")->required();
  cmd->add_option("--scheme", o->scheme, "评价办法 TOML 文件，如 schemes/chongqing-default.toml / scheme file")->required();
  cmd->add_option("--out", o->out, "结果工作簿 results.xlsx / write the result workbook")->check(kXlsxPath);
  cmd->callback([o, &ctx, exit_code] {
    try {
      *exit_code = run_evaluate(*o, ctx);
    } catch (const ev::EvaluationError& e) {
      std::cerr << "错误 / error: " << e.what() << "\n";
      *exit_code = kRejected;
    }
  });
}

}  // namespace mujun::cli
