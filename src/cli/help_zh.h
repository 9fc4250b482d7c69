// mujun — Chinese-first help of a CLI11 command: CLI11's own words ("Usage", "Options", "REQUIRED",
// "-h,--help  Print this help message and exit", the type names) become "中文 / English" like the
// descriptions the commands give. Call it on a command right after add_subcommand, before its options.
#pragma once
#include <CLI/CLI.hpp>
#include <memory>

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

}  // namespace mujun::cli
