// mujun evaluate --year Y --scheme FILE [--out results.xlsx] — the main job: evaluates the year's
// snapshot under a scheme, stores the run (scheme text hash + snapshot hash + result JSON), prints a
// summary (per cohort N and class counts; zone per-mu figures as ratios of sums; top and bottom ten)
// or, with --json, the result JSON (evaluation/result_json.h). Exit 1 for a bad scheme or a year
// without data.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "cli/context.h"
#include "domain/sha256.h"
#include "evaluation/aggregate.h"
#include "evaluation/engine.h"
#include "evaluation/explain.h"
#include "evaluation/result_json.h"
#include "reports/evaluation_workbook.h"

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
  std::string text;
  {
    std::ifstream in(o.scheme, std::ios::binary);
    if (!in) {
      std::cerr << fmt::format("错误 / error: 无法读取评价办法文件 {}，请检查路径 / cannot read the scheme file {}\n", o.scheme, o.scheme);
      return kRejected;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    text = ss.str();
  }
  ev::Scheme scheme;
  try {
    scheme = ev::parse_scheme(text, o.scheme);
  } catch (const ev::SchemeError& e) {
    print_scheme_error(e);
    return kRejected;
  }
  auto store = ctx.open_store();
  auto years = store->years();
  auto has_year = [&](int y) { return std::find(years.begin(), years.end(), y) != years.end(); };
  if (!has_year(o.year)) {
    std::string list;
    for (int y : years) list += (list.empty() ? "" : ", ") + std::to_string(y);
    std::cerr << fmt::format("错误 / error: 数据库 {} 中没有 {} 年的数据（已有年份: {}）；请先 mujun import --year {} / no data "
                             "for {} in the database (years: {}); import it first\n",
                             ctx.db_path, o.year, list.empty() ? "无" : list, o.year, o.year, list.empty() ? "none" : list);
    return kRejected;
  }
  if (scheme.data_year != 0 && scheme.data_year != o.year)
    std::cerr << fmt::format("警告 / warning: 评价办法 {} 的常数属于 {} 年数据，现用于 {} 年 / the scheme's constants are for "
                             "data year {}, used for {}\n", scheme.id, scheme.data_year, o.year, scheme.data_year, o.year);
  Frame frame = store->snapshot(o.year);
  Frame previous;
  std::string prev_hash;
  if (scheme.needs_previous_year()) {
    if (!has_year(o.year - 1)) {
      std::cerr << fmt::format("错误 / error: 评价办法 {} 以上一年均值为基准，但数据库中没有 {} 年的数据；请导入 {} 年数据 / the "
                               "scheme needs the previous year's data ({}), which is not in the database\n",
                               scheme.id, o.year - 1, o.year - 1, o.year - 1);
      return kRejected;
    }
    previous = store->snapshot(o.year - 1);
    prev_hash = frame_sha256(previous);
  }
  ev::EvaluationResult r = ev::evaluate(scheme, frame, scheme.needs_previous_year() ? &previous : nullptr);
  reports::EvaluationProvenance p;
  p.scheme_path = o.scheme;
  p.scheme_text = text;
  p.scheme_sha256 = sha256_hex(text);
  p.snapshot_sha256 = frame_sha256(frame);
  p.previous_snapshot_sha256 = prev_hash;
  std::vector<std::pair<std::string, std::string>> prov{{"scheme_sha256", p.scheme_sha256},
                                                        {"snapshot_sha256", p.snapshot_sha256}};
  if (!prev_hash.empty()) prov.emplace_back("previous_snapshot_sha256", prev_hash);
  const std::string json = ev::result_json(scheme, frame, r, prov);
  store::RunRecord run;
  run.kind = "evaluation";
  run.year = o.year;
  run.scheme_name = scheme.id;
  run.scheme_sha256 = p.scheme_sha256;
  run.snapshot_sha256 = p.snapshot_sha256;
  run.result_json = json;
  p.run_id = store->save_run(run);
  if (!o.out.empty()) {
    try {
      reports::write_evaluation_workbook(o.out, scheme, frame, r, p);
    } catch (const std::exception& e) {
      std::cerr << "错误 / error: " << e.what() << "\n";
      return kRejected;
    }
  }
  if (ctx.json) std::cout << json << "\n";
  else print_summary(scheme, frame, r, p.run_id);
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
