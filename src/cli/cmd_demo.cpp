// mujun demo — the whole main job on the bundled example zone (examples/wansheng-2024/):
// a fresh database in the output folder, import of every agency file (--partial: the example has
// real-world flaws on purpose, see its FLAWS.md), evaluation of 2024 with
// schemes/chongqing-default.toml into results.xlsx, and the 2024 overview into bulletin.html.
// Each step runs the same code as the command a user would type (it calls cli::run in-process).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "cli/app.h"
#include "cli/context.h"

namespace fs = std::filesystem;

namespace mujun::cli {
namespace {

int run_step(const std::string& title, std::vector<std::string> args) {
  std::cout << "\n════ " << title << " ════\n$ mujun";
  for (auto& a : args) std::cout << " " << (a.find(' ') != std::string::npos ? "'" + a + "'" : a);
  std::cout << "\n" << std::flush;
  args.insert(args.begin(), "mujun");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  int rc = run(static_cast<int>(argv.size()), argv.data());
  std::cout << std::flush;
  return rc;
}

// The agency files of the example zone: spreadsheets and CSV files, not its notes and configuration.
std::vector<std::string> agency_files(const fs::path& dir) {
  std::vector<std::string> files;
  for (auto& e : fs::directory_iterator(dir)) {
    auto ext = e.path().extension().string();
    auto stem = e.path().stem().string();
    if (ext != ".xlsx" && ext != ".csv") continue;
    if (stem == "cluster-overrides") continue;  // taxonomy configuration, read by `mujun stats`
    files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

void add_demo(CLI::App& app, Context& ctx, int* exit_code) {
  auto out_dir = std::make_shared<std::string>("out/demo");
  auto* cmd = app.add_subcommand("demo", "在示例经开区上运行完整主流程 / run the whole main job on the example zone");
  cmd->add_option("--out", *out_dir, "输出目录（其中的 mujun.db 会被重建）/ output folder (its mujun.db is recreated)")
      ->capture_default_str();
  cmd->footer("示例数据为合成数据，按万盛经开区 2024 年公开数据校准（见 examples/wansheng-2024/README.md）。\n"
              "The example zone is synthetic, calibrated to 万盛经开区's published 2024 figures.");
  cmd->callback([&ctx, exit_code, out_dir] {
    fs::path out = *out_dir;
    fs::create_directories(out);
    fs::path db = out / "mujun.db";
    for (auto suffix : {"", "-wal", "-shm"}) fs::remove(db.string() + suffix);
    fs::path root = resource_root();
    fs::path example = root / "examples" / "wansheng-2024";
    if (!fs::exists(example)) {
      std::cerr << "找不到示例数据 / example zone not found: " << example << "（设置 MUJUN_HOME 为 mujun 源码目录）\n";
      *exit_code = kUsage;
      return;
    }
    std::string dbs = db.string();
    std::vector<std::string> import_args{"--db", dbs, "import", "--partial", "--rejects", (out / "rejects.xlsx").string()};
    for (auto& f : agency_files(example)) import_args.push_back(f);
    int rc = run_step("1/4 建库 / init", {"--db", dbs, "init"});
    if (rc == kOk) rc = run_step("2/4 导入各部门数据 / import the agencies' files", import_args);
    if (rc == kOk)
      rc = run_step("3/4 亩均效益综合评价 / evaluation",
                    {"--db", dbs, "evaluate", "--year", "2024", "--scheme",
                     (root / "schemes" / "chongqing-default.toml").string(), "--out", (out / "results.xlsx").string()});
    if (rc == kOk)
      rc = run_step("4/4 年度数据概览 / yearly overview",
                    {"--db", dbs, "stats", "--year", "2024", "--out", (out / "bulletin.html").string()});
    if (rc == kOk) {
      std::cout << "\n完成 / done. 输出 / outputs in " << out.string() << ":\n"
                << "  results.xlsx   评价结果（分组工作表、汇总、评价说明、来源）/ evaluation workbook\n"
                << "  bulletin.html  年度数据概览 / yearly overview\n"
                << "  rejects.xlsx   被拒绝的行及原因 / rejected rows with reasons\n"
                << "  mujun.db       数据库 / database (mujun --db " << dbs << " …)\n";
    }
    (void)ctx;
    *exit_code = rc;
  });
}

}  // namespace mujun::cli
