// mujun — Chinese-first help of a CLI11 command: CLI11's own words ("Usage", "Options", "REQUIRED",
// "-h,--help  Print this help message and exit", the type names) become "中文 / English" like the
// descriptions the commands give. Call it on a command right after add_subcommand, before its options.
#pragma once
#include <CLI/CLI.hpp>
#include <memory>
#include <string>

namespace mujun::cli {

/// `listed_group`: the heading its parent's help lists it under ("" = CLI11's "Subcommands", kept for the
/// top-level commands so that `mujun --help` lists every command in one group).
inline void chinese_help(CLI::App* cmd, const char* listed_group = "") {
  auto f = std::make_shared<CLI::Formatter>();
  for (auto [key, label] : {std::pair{"Usage", "用法 / Usage"}, std::pair{"OPTIONS", "选项 OPTIONS"},
                            std::pair{"SUBCOMMAND", "子命令 SUBCOMMAND"}, std::pair{"SUBCOMMANDS", "子命令 SUBCOMMANDS"},
                            std::pair{"REQUIRED", "必填 REQUIRED"}, std::pair{"Positionals", "参数 / Positionals"},
                            std::pair{"TEXT", "文本 TEXT"}, std::pair{"INT", "整数 INT"}, std::pair{"UINT", "整数 UINT"},
                            std::pair{"FLOAT", "数 FLOAT"}, std::pair{"Env", "环境变量 Env"}, std::pair{"Needs", "需要 Needs"},
                            std::pair{"Excludes", "不可同用 Excludes"}})
    f->label(key, label);
  f->column_width(34);
  cmd->formatter(f);
  cmd->option_defaults()->group("选项 / Options");
  cmd->set_help_flag("-h,--help", "显示此帮助并退出 / print this help and exit");
  if (*listed_group) cmd->group(listed_group);
}

/// The first footer line of a command that opens the database (serve, user and its subcommands), whose
/// own options do not list the global --db:
///   数据库 / database: <db_path>（由全局选项 --db PATH 指定，写在命令前后均可；默认 $MUJUN_DB，否则 ./mujun.db）/ set
///   with the global option --db PATH, before or after the command; default $MUJUN_DB, else ./mujun.db
/// `db_path` (Context::db_path) is read when the help is printed, after --db was parsed, so
/// `mujun --db zone.db serve --help` names zone.db. The command's own footer() text follows this line.
inline std::string database_help_line(const std::string& db_path) {
  return "数据库 / database: " + db_path +
         "（由全局选项 --db PATH 指定，写在命令前后均可；默认 $MUJUN_DB，否则 ./mujun.db）/ set with the global option "
         "--db PATH, before or after the command; default $MUJUN_DB, else ./mujun.db";
}
inline void database_footer(CLI::App* cmd, const std::string& db_path) {
  cmd->footer([&db_path] { return database_help_line(db_path); });
}

}  // namespace mujun::cli
