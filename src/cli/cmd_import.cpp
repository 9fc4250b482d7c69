// mujun import — agency files into the database (DESIGN.md "CLI contract").
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <stdexcept>

#include "cli/context.h"
#include "cli/import_render.h"
#include "ingest/importer.h"
#include "reports/rejects_export.h"

namespace mujun::cli {

void add_import(CLI::App& app, Context& ctx, int* exit_code) {
  struct Opts {
    std::vector<std::string> files;
    std::string source, rejects;
    int year = 0;
    bool partial = false, include_hidden = false;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("import", "导入各部门的 Excel/CSV 数据文件 / import agency XLSX/CSV files");
  cmd->add_option("files", o->files, "数据文件（.xlsx/.csv，可多个）/ files")->required()->check(CLI::ExistingFile);
  cmd->add_option("--source", o->source,
                  "数据来源；不给则按列推断 / source agency: statistics|tax|land|energy|emissions|certificates|registry|support")
      ->check(CLI::IsMember(ingest::known_sources()));
  cmd->add_option("--year", o->year, "数据所属年份（文件中没有年份列时必需）/ the year the values describe")
      ->check(CLI::Range(1990, 2100));
  cmd->add_flag("--partial", o->partial, "只导入有效行，拒绝的行记入报告 / import the valid rows, report the rest");
  cmd->add_option("--rejects", o->rejects, "把被拒绝的行（原样 + 原因）写到 .xlsx 或 .csv / write rejected rows");
  cmd->add_flag("--include-hidden", o->include_hidden, "也导入隐藏的工作表 / also import hidden sheets");
  cmd->footer(
      "默认“全部成功才导入”：任一行有错误则什么都不写入，数据库保持原样。\n"
      "By default an import is all-or-nothing: one bad row and nothing is written.\n"
      "例 / examples:\n"
      "  mujun import 统计局2024.xlsx 税务2024.csv --year 2024\n"
      "  mujun import 土地.xlsx --source land --year 2024 --partial --rejects 需修正.xlsx");
  cmd->callback([&ctx, exit_code, o] {
    if (!o->rejects.empty()) {
      if (auto problem = reports::rejects_path_problem(o->rejects); !problem.empty()) {
        std::cerr << "错误 / error: " << problem << "\n";
        *exit_code = kUsage;
        return;
      }
    }
    auto store = ctx.open_store(true);
    ingest::ImportOptions opt;
    opt.source = o->source;
    opt.year = o->year;
    opt.partial = o->partial;
    opt.include_hidden = o->include_hidden;
    opt.progress = [](const std::string& f, long n) { std::cerr << "  " << f << "：已读 " << n << " 行 / rows read\n"; };
    // The rejected rows are streamed to --rejects once the import has committed or rolled back; a
    // failure there does not change the import's result, it is reported after it.
    std::unique_ptr<reports::RejectsWriter> rejects;
    std::string rejects_error;
    if (!o->rejects.empty())
      opt.rejected_row = [&](const std::string& file, const ingest::RejectedRow& row) {
        if (!rejects_error.empty()) return;
        try {
          if (!rejects) rejects = std::make_unique<reports::RejectsWriter>(o->rejects);
          rejects->add(file, row);
        } catch (const std::exception& e) {
          rejects_error = e.what();
        }
      };
    auto reports = ingest::import_files(*store, o->files, opt);
    if (ctx.json) std::cout << render_import_json(reports, o->partial) << "\n";
    else render_import_text(std::cout, reports, o->partial);
    *exit_code = ingest::import_failed(reports, o->partial) ? kRejected : kOk;
    if (!o->rejects.empty()) {
      try {
        if (!rejects_error.empty()) throw std::runtime_error(rejects_error);
        if (!rejects) rejects = std::make_unique<reports::RejectsWriter>(o->rejects);  // no rejected rows
        rejects->finish();
        std::cerr << "被拒绝的行已写入 / rejected rows written to " << o->rejects << "\n";
      } catch (const std::exception& e) {
        std::cerr << "错误 / error: 无法写出被拒绝的行（导入结果见上）/ could not write the rejects file: " << e.what()
                  << "\n";
        *exit_code = kRejected;
      }
    }
  });
}

}  // namespace mujun::cli
