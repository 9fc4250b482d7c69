// mujun init — create the database or apply pending migrations.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>

#include "cli/context.h"

namespace mujun::cli {

void add_init(CLI::App& app, Context& ctx, int* exit_code) {
  auto* cmd = app.add_subcommand("init", "创建或迁移数据库 / create or migrate the database");
  cmd->footer("例 / example:  mujun init --db zone.db");
  cmd->callback([&ctx, exit_code] {
    bool existed = std::filesystem::exists(ctx.db_path);
    auto store = ctx.open_store(true);
    if (ctx.json) {
      std::cout << "{\"db\": \"" << ctx.db_path << "\", \"created\": " << (existed ? "false" : "true") << "}\n";
    } else {
      std::cout << (existed ? "数据库已是最新 / database is up to date: " : "已创建数据库 / database created: ")
                << ctx.db_path << "\n";
    }
    *exit_code = kOk;
  });
}

}  // namespace mujun::cli
