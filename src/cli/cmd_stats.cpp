// mujun stats — the zone's yearly data overview (数据一览): figures, cluster membership check,
// bulletin files, and the check of a published overview. See docs/statistics.md.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/context.h"
#include "reports/bulletin_html.h"
#include "reports/bulletin_md.h"
#include "reports/bulletin_xlsx.h"
#include "statistics/bulletin.h"
#include "statistics/check.h"
#include "statistics/display.h"
#include "statistics/published.h"

namespace mujun::cli {

namespace {

namespace fs = std::filesystem;
namespace st = statistics;

struct Options {
  int year = 0;
  std::string taxonomy, config, check, out;
  std::vector<std::string> overrides;
};

bool read_file(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << fmt::format("错误 / error: 无法读取文件 {}：请检查路径 / cannot read {}\n", path, path);
    return false;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  text = ss.str();
  return true;
}

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

nlohmann::json figure_json(const st::Figure& f) {
  nlohmann::json inputs = nlohmann::json::array();
  for (const auto& x : f.inputs) inputs.push_back({{"name", x.name}, {"value", x.value}, {"unit", x.unit}});
  nlohmann::json j = {{"id", f.id},           {"label", f.label},     {"unit", f.unit},
                      {"formula", f.formula}, {"inputs", inputs},     {"section", f.section},
                      {"decimals", f.decimals}, {"note", f.note}};
  j["value"] = f.value ? nlohmann::json(*f.value) : nlohmann::json(nullptr);
  return j;
}

nlohmann::json membership_json(const st::MembershipReport& m) {
  auto rows = [](const std::vector<st::MembershipRow>& v) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& r : v)
      a.push_back({{"uscc", r.uscc}, {"name", r.name}, {"industry_code", r.industry_code},
                   {"above_scale", r.above_scale}, {"clusters", r.clusters}, {"overridden", r.overridden}});
    return a;
  };
  return {{"overridden", m.overridden}, {"unmatched", rows(m.unmatched)}, {"multiple", rows(m.multiple)},
          {"overrides_not_found", m.overrides_not_found}};
}

nlohmann::json check_json(const st::CheckReport& c) {
  auto lines = [](const std::vector<st::CheckLine>& v) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& l : v)
      a.push_back({{"id", l.id}, {"label", l.label}, {"kind", l.kind},
                   {"verdict", l.verdict == st::Verdict::Pass ? "pass" : l.verdict == st::Verdict::Fail ? "fail" : "not_checked"},
                   {"arithmetic", l.arithmetic}, {"message", l.message}});
    return a;
  };
  return {{"title", c.title}, {"failures", c.failures()}, {"reproduction", lines(c.reproduction)},
          {"consistency", lines(c.consistency)}};
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

// Class counts of the latest stored evaluation run of `year` (for the HTML class chart).
std::map<std::string, long> class_counts(store::Store& s, int year, std::string& source) {
  std::map<std::string, long> out;
  std::optional<store::RunRecord> best;
  for (auto& r : s.runs("evaluation"))
    if (r.year == year && (!best || r.id > best->id)) best = r;
  if (!best) return out;
  try {
    auto j = nlohmann::json::parse(best->result_json);
    for (const auto& e : j.value("enterprises", nlohmann::json::array()))
      if (e.contains("class") && e["class"].is_string()) ++out[e["class"].get<std::string>()];
    source = fmt::format("评价运行 #{}（{}）", best->id, best->scheme_name);
  } catch (const nlohmann::json::exception&) {
    out.clear();
  }
  return out;
}

int run_stats(const Options& o, const Context& ctx) {
  std::string tx_path = o.taxonomy.empty() ? resource_root() + "/taxonomies/wansheng-231.toml" : o.taxonomy;
  std::string text;
  if (!read_file(tx_path, text)) return kRejected;
  auto parsed = st::parse_taxonomy(text, tx_path);
  if (!report_issues(parsed.issues)) return kRejected;
  st::ClusterTaxonomy tx = std::move(*parsed.taxonomy);
  st::StatsConfig cfg;
  if (!report_issues(st::read_stats_config(text, tx_path, cfg))) return kRejected;

  std::vector<std::string> overrides;
  for (const auto& f : tx.overrides_files) overrides.push_back((fs::path(tx_path).parent_path() / f).string());
  overrides.insert(overrides.end(), o.overrides.begin(), o.overrides.end());
  for (const auto& f : overrides) {
    std::string csv;
    if (!read_file(f, csv)) return kRejected;
    if (!report_issues(st::add_overrides_csv(tx, csv, f))) return kRejected;
  }
  std::vector<std::string> configs;
  for (const auto& f : tx.config_files) configs.push_back((fs::path(tx_path).parent_path() / f).string());
  for (const auto& f : configs) {
    std::string t;
    if (!read_file(f, t)) return kRejected;
    if (!report_issues(st::read_stats_config(t, f, cfg))) return kRejected;
  }
  std::optional<st::Published> published;
  for (const std::string* f : {&o.config, &o.check}) {
    if (f->empty()) continue;
    std::string t;
    if (!read_file(*f, t)) return kRejected;
    if (!report_issues(st::read_stats_config(t, *f, cfg))) return kRejected;
    if (f == &o.check) {
      auto p = st::parse_published(t, *f);
      if (!report_issues(p.issues)) return kRejected;
      published = std::move(p.published);
      if (published->year && published->year != o.year)
        std::cerr << fmt::format("警告 / warning: {} 是 {} 年的公布数据，而 --year 为 {}\n", *f, published->year, o.year);
    }
  }

  auto store = ctx.open_store();
  std::vector<int> years = store->years();
  if (std::find(years.begin(), years.end(), o.year) == years.end()) {
    std::cerr << fmt::format("错误 / error: 数据库 {} 中没有 {} 年的数据（已有年份：{}）。请先用 mujun import 导入该年数据 "
                             "/ no data for {} in the database\n",
                             ctx.db_path, o.year, fmt::join(years, "、"), o.year);
    return kRejected;
  }
  auto bulletin_of = [&](int y) {
    Frame cur = store->snapshot(y);
    bool has_prev = std::find(years.begin(), years.end(), y - 1) != years.end();
    std::optional<Frame> prev;
    if (has_prev) prev = store->snapshot(y - 1);
    return st::compute_bulletin(cur, prev ? &*prev : nullptr, tx, cfg);
  };
  st::Bulletin b = bulletin_of(o.year);
  std::optional<st::CheckReport> check;
  if (published) check = st::check_published(*published, b);

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
        if (y < o.year && y >= o.year - 4) trend.push_back(bulletin_of(y));
      reports::BulletinHtmlInput in;
      in.bulletin = &b;
      for (const auto& t : trend) in.trend.push_back(&t);
      in.class_counts = class_counts(*store, o.year, in.class_source);
      in.check = check ? &*check : nullptr;
      reports::write_bulletin_html(o.out, in);
    } else {
      std::cerr << fmt::format("错误 / error: --out {} 的扩展名应为 .xlsx、.html 或 .md / unsupported output type\n", o.out);
      return kUsage;
    }
  }

  if (ctx.json) {
    nlohmann::json j = {{"year", b.year}, {"zone", b.zone_name}, {"taxonomy", b.taxonomy_id}};
    j["figures"] = nlohmann::json::array();
    for (const auto& f : b.figures) j["figures"].push_back(figure_json(f));
    j["membership"] = membership_json(b.membership);
    if (check) j["check"] = check_json(*check);
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
