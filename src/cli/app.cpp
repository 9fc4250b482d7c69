#include "cli/app.h"

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "cli/context.h"
#include "cli/usage_error.h"

namespace mujun::cli {

std::unique_ptr<store::Store> Context::open_store(bool create) const {
  if (!create && !std::filesystem::exists(db_path))
    throw store::StoreError("数据库不存在：" + db_path + "。请先运行 mujun init 和 mujun import 导入数据，或用 --db 指定数据库 / "
                            "no database at " + db_path + ": run mujun init and mujun import first, or give --db");
  auto s = store::open_sqlite(db_path);
  s->migrate();
  return s;
}

const std::function<std::string(const std::string&)> kXlsxPath = [](const std::string& v) -> std::string {
  std::string ext = v.size() >= 5 ? v.substr(v.size() - 5) : "";
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext != ".xlsx") return "输出文件须以 .xlsx 结尾 / the output file must end in .xlsx: " + v;
  return {};
};

std::string resource_root() {
  if (const char* h = std::getenv("MUJUN_HOME"); h && *h) return h;
  return MUJUN_SOURCE_ROOT;
}

int run(int argc, char** argv) {
  CLI::App app{
      "mujun — 亩均效益综合评价与经开区产业经济管理平台\n"
      "mujun — per-mu efficiency evaluation and the industrial economy of a development zone"};
  app.require_subcommand(1);
  app.fallthrough();  // --db and --json may also follow the command: `mujun import --db z.db …`
  app.footer("每个命令都有 --help / every command has --help.  文档 / docs: docs/cli.md");
  Context ctx;
  const char* env_db = std::getenv("MUJUN_DB");
  ctx.db_path = env_db && *env_db ? env_db : "mujun.db";
  app.add_option("--db", ctx.db_path, "数据库文件 / database file (默认 $MUJUN_DB 或 ./mujun.db)")
      ->capture_default_str();
  app.add_flag("--json", ctx.json, "机器可读的 JSON 输出 / machine-readable JSON on stdout");
  // Usage errors: Chinese first, then CLI11's own English text (usage_error.h), and the way to get help.
  app.failure_message([](const CLI::App*, const CLI::Error& e) {
    return "用法错误 / usage error: " + usage_error_text(e) +
           "\n运行 mujun --help 或 mujun <命令> --help 查看用法 / run with --help for usage.\n";
  });
  int exit_code = kOk;
  add_init(app, ctx, &exit_code);
  add_import(app, ctx, &exit_code);
  add_evaluate(app, ctx, &exit_code);
  add_stats(app, ctx, &exit_code);
  add_tiers(app, ctx, &exit_code);
  add_demo(app, ctx, &exit_code);
  add_serve(app, ctx, &exit_code);
  add_user(app, ctx, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kOk : kUsage;
  } catch (const store::StoreError& e) {
    std::cerr << "错误 / error: " << e.what() << "\n";
    return kRejected;
  }
  return exit_code;
}

}  // namespace mujun::cli
