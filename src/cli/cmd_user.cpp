// mujun user — accounts of the web platform from the command line (issue 8):
//   mujun user add NAME --role admin|analyst|viewer|enterprise [--enterprise USCC] [--export]
//   mujun user list | mujun user passwd NAME | mujun user remove NAME
// Passwords are read from stdin (one line; not echoed on a terminal), at least 8 characters, stored as
// Argon2id (server/auth.h). Every change is written to the audit log as user "cli".
#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/context.h"
#include "cli/help_zh.h"
#include "server/auth.h"
#include "server/session.h"
#include "store/platform.h"

namespace mujun::cli {
namespace {

struct UserOptions {
  std::string name, role, enterprise;
  bool can_export = false;
};

// One line from stdin without its line end; on a terminal, prompts and turns echo off.
std::optional<std::string> read_password(const std::string& prompt) {
  bool tty = ::isatty(STDIN_FILENO);
  termios old{};
  if (tty) {
    std::cerr << prompt << std::flush;
    ::tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  bool got = static_cast<bool>(std::getline(std::cin, line));
  if (tty) {
    ::tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::cerr << "\n";
  }
  if (!got) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

void audit(store::PlatformStore& p, const std::string& action, const nlohmann::json& detail) {
  p.audit({0, server::iso_utc(), "cli", action, detail.dump(), ""});
}

int fail(const std::string& message, int code = kRejected) {
  std::cerr << "错误 / error: " << message << "\n";
  return code;
}

int add(const Context& ctx, UserOptions o) {
  if (auto p = server::name_problem(o.name); !p.empty()) return fail(p, kUsage);
  auto store = ctx.open_store(false);
  auto platform = store::open_sqlite_platform(ctx.db_path);
  if (auto p = server::account_problem(o.role, o.enterprise, *store); !p.empty()) return fail(p, kUsage);
  if (platform->user_by_name(o.name)) return fail("用户名已存在 / user already exists: " + o.name);
  auto pw = read_password("新密码 / new password for " + o.name + ": ");
  if (!pw) return fail("未从标准输入读到密码（一行）/ no password on stdin (one line)");
  if (auto p = server::password_problem(*pw); !p.empty()) return fail(p);
  store::UserRecord u;
  u.name = o.name;
  u.role = o.role;
  u.enterprise_uscc = o.enterprise;
  u.can_export = o.can_export;
  u.password_hash = server::hash_password(*pw);
  u.created_at = server::iso_utc();
  u.id = platform->add_user(u);
  audit(*platform, "user_add", {{"name", u.name}, {"role", u.role}, {"enterprise", u.enterprise_uscc}, {"can_export", u.can_export}});
  if (ctx.json)
    std::cout << nlohmann::json{{"id", u.id}, {"name", u.name}, {"role", u.role}, {"enterprise", u.enterprise_uscc},
                                {"can_export", u.can_export}}.dump()
              << "\n";
  else
    std::cout << "已创建账号 / account created: " << u.name << "（" << u.role
              << (u.enterprise_uscc.empty() ? "" : ", " + u.enterprise_uscc) << (u.can_export ? ", 可导出 / can export" : "")
              << "）\n";
  return kOk;
}

int list(const Context& ctx) {
  auto store = ctx.open_store(false);
  auto platform = store::open_sqlite_platform(ctx.db_path);
  auto users = platform->users();
  if (ctx.json) {
    auto arr = nlohmann::json::array();
    for (auto& u : users)
      arr.push_back({{"id", u.id}, {"name", u.name}, {"role", u.role}, {"enterprise", u.enterprise_uscc},
                     {"can_export", u.can_export || u.role == "admin"}, {"created_at", u.created_at}});
    std::cout << arr.dump(2) << "\n";
    return kOk;
  }
  if (users.empty()) {
    std::cout << "没有账号 / no accounts. mujun user add admin --role admin\n";
    return kOk;
  }
  std::cout << "用户名 / name\t角色 / role\t企业 / enterprise\t导出 / export\t创建 / created\n";
  for (auto& u : users)
    std::cout << u.name << "\t" << u.role << "\t" << (u.enterprise_uscc.empty() ? "-" : u.enterprise_uscc) << "\t"
              << (u.can_export || u.role == "admin" ? "是 / yes" : "否 / no") << "\t" << u.created_at << "\n";
  return kOk;
}

int passwd(const Context& ctx, const std::string& name) {
  auto store = ctx.open_store(false);
  auto platform = store::open_sqlite_platform(ctx.db_path);
  auto u = platform->user_by_name(name);
  if (!u) return fail("用户不存在 / no such user: " + name);
  auto pw = read_password("新密码 / new password for " + name + ": ");
  if (!pw) return fail("未从标准输入读到密码（一行）/ no password on stdin (one line)");
  if (auto p = server::password_problem(*pw); !p.empty()) return fail(p);
  platform->set_password_hash(u->id, server::hash_password(*pw));
  audit(*platform, "user_passwd", {{"name", name}});
  std::cout << "已修改密码，该账号的登录会话已全部失效 / password changed; the account's sessions have ended: " << name << "\n";
  return kOk;
}

int remove(const Context& ctx, const std::string& name) {
  auto store = ctx.open_store(false);
  auto platform = store::open_sqlite_platform(ctx.db_path);
  if (!platform->remove_user(name)) return fail("用户不存在 / no such user: " + name);
  audit(*platform, "user_remove", {{"name", name}});
  std::cout << "已删除账号 / account removed: " << name << "\n";
  return kOk;
}

}  // namespace

void add_user(CLI::App& app, Context& ctx, int* exit_code) {
  auto* cmd = app.add_subcommand("user", "管理 Web 平台账号 / manage the web platform's accounts");
  chinese_help(cmd);
  cmd->require_subcommand(1);
  database_footer(cmd, ctx.db_path);
  cmd->footer("例 / example:  mujun --db zone.db user list    每个子命令都有 --help / every subcommand has --help");
  auto o = std::make_shared<UserOptions>();

  auto* a = cmd->add_subcommand("add", "新建账号（密码从标准输入读一行）/ add an account (password: one line on stdin)");
  chinese_help(a, "子命令 / Subcommands");
  a->add_option("name", o->name, "用户名 / login name")->required();
  a->add_option("--role", o->role, "角色 / role: admin | analyst | viewer | enterprise")->required();
  a->add_option("--enterprise", o->enterprise, "enterprise 角色的企业统一社会信用代码 / the enterprise's USCC");
  a->add_flag("--export", o->can_export, "允许导出 XLSX / may export XLSX");
  database_footer(a, ctx.db_path);
  a->footer("例 / example:  printf '%s\\n' \"$PASSWORD\" | mujun --db zone.db user add zhang --role analyst --export");
  a->callback([&ctx, exit_code, o] { *exit_code = add(ctx, *o); });

  auto* l = cmd->add_subcommand("list", "列出账号 / list accounts");
  chinese_help(l, "子命令 / Subcommands");
  database_footer(l, ctx.db_path);
  l->callback([&ctx, exit_code] { *exit_code = list(ctx); });

  auto* p = cmd->add_subcommand("passwd", "修改密码（从标准输入读一行）/ set a new password (one line on stdin)");
  chinese_help(p, "子命令 / Subcommands");
  database_footer(p, ctx.db_path);
  p->add_option("name", o->name, "用户名 / login name")->required();
  p->callback([&ctx, exit_code, o] { *exit_code = passwd(ctx, o->name); });

  auto* r = cmd->add_subcommand("remove", "删除账号及其会话 / remove an account and its sessions");
  chinese_help(r, "子命令 / Subcommands");
  database_footer(r, ctx.db_path);
  r->add_option("name", o->name, "用户名 / login name")->required();
  r->callback([&ctx, exit_code, o] { *exit_code = remove(ctx, o->name); });
}

}  // namespace mujun::cli
