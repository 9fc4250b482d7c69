// mujun serve — the HTTP API and the dashboard (issue 8; contract /work/notes/api-contract.md;
// deployment docs/deploy.md). Listens on 127.0.0.1:8080 by default. A non-loopback --listen needs
// --allow-remote: the server speaks plain HTTP, so anything beyond this host should go through a TLS
// reverse proxy (nginx) that listens publicly while mujun stays on loopback.
// Ctrl-C / SIGTERM: graceful stop (server.h).
#include <CLI/CLI.hpp>
#include <csignal>
#include <filesystem>
#include <iostream>

#include "cli/context.h"
#include "cli/help_zh.h"
#include "server/server.h"
#include "server/session.h"
#include "store/platform.h"

namespace fs = std::filesystem;

namespace mujun::cli {
namespace {
struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  std::string web;
  std::string schemes;
  int threads = 2;
  bool allow_remote = false;
  bool secure_cookies = false;
  bool trust_proxy = false;
  int max_connections = 512;
};

int serve(const Context& ctx, const ServeOptions& o) {
  std::string host;
  int port = 0;
  if (!server::split_listen_address(o.listen, host, port)) {
    std::cerr << "错误 / error: --listen 须为 主机:端口，如 127.0.0.1:8080（收到 '" << o.listen
              << "'）/ --listen must be HOST:PORT\n";
    return kUsage;
  }
  if (!server::is_loopback_host(host) && !o.allow_remote) {
    std::cerr << "错误 / error: 拒绝在非本机地址 " << host
              << " 上监听：mujun 只提供明文 HTTP，公网访问请在前面放置 TLS 反向代理（见 docs/deploy.md）；"
                 "确需直接监听请加 --allow-remote / refusing a non-loopback --listen without --allow-remote "
                 "(plain HTTP; put nginx with TLS in front, docs/deploy.md)\n";
    return kUsage;
  }
  if (o.threads < 1 || o.threads > 64) {
    std::cerr << "错误 / error: --threads 须在 1 到 64 之间 / --threads must be 1–64\n";
    return kUsage;
  }
  if (o.max_connections < 8 || o.max_connections > 100000) {
    std::cerr << "错误 / error: --max-connections 须在 8 到 100000 之间 / --max-connections must be 8–100000\n";
    return kUsage;
  }
  auto store = ctx.open_store(false);  // a missing database is refused, an old one migrated
  server::ServerConfig cfg;
  cfg.db_path = ctx.db_path;
  cfg.resource_root = resource_root();
  cfg.web_root = o.web;
  cfg.trust_proxy = o.trust_proxy;
  cfg.max_connections = static_cast<std::size_t>(o.max_connections);
  if (cfg.web_root.empty()) {
    auto dist = fs::path(cfg.resource_root) / "web" / "dist";
    if (fs::exists(dist / "index.html")) cfg.web_root = dist.string();
  } else if (!fs::exists(fs::path(cfg.web_root) / "index.html")) {
    std::cerr << "错误 / error: --web 目录中没有 index.html：" << cfg.web_root
              << "（先在 web/ 中运行 npm run build）/ no index.html in the --web folder\n";
    return kUsage;
  }
  if (!o.schemes.empty()) {
    if (!fs::is_directory(o.schemes)) {
      std::cerr << "错误 / error: --schemes 不是目录：" << o.schemes << " / --schemes is not a folder\n";
      return kUsage;
    }
    cfg.schemes_dir = o.schemes;
  }
  server::set_secure_cookies(o.secure_cookies);
  bool no_users = store::open_sqlite_platform(ctx.db_path)->users().empty();
  store.reset();

  // The worker threads inherit this mask, so SIGINT/SIGTERM reach only sigwait below.
  sigset_t sigs;
  sigemptyset(&sigs);
  sigaddset(&sigs, SIGINT);
  sigaddset(&sigs, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &sigs, nullptr);
  server::Server srv(cfg, o.listen, o.threads);
  try {
    srv.start();
  } catch (const std::runtime_error& e) {
    std::cerr << "错误 / error: " << e.what() << "\n";
    return kRejected;
  }
  std::string shown = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  std::cout << "mujun 服务已启动 / serving: http://" << shown << ":" << srv.port() << "/\n"
            << "  数据库 / database: " << ctx.db_path << "\n"
            << "  评价办法 / schemes: " << (cfg.schemes_dir.empty() ? cfg.resource_root + "/schemes" : cfg.schemes_dir) << "\n"
            << "  仪表盘 / dashboard: " << (cfg.web_root.empty() ? "（无 / none: 只提供 /api/）" : cfg.web_root) << "\n"
            << "  线程 / threads: " << o.threads << "\n"
            << "按 Ctrl-C 停止 / press Ctrl-C to stop\n";
  if (no_users)
    std::cout << "提示 / note: 还没有账号，先创建管理员 / no accounts yet, create one: mujun --db " << ctx.db_path
              << " user add admin --role admin\n";
  std::cout << std::flush;
  int sig = 0;
  sigwait(&sigs, &sig);
  std::cout << "\n正在停止 / stopping (" << (sig == SIGINT ? "SIGINT" : "SIGTERM") << ") …\n" << std::flush;
  srv.stop();
  std::cout << "已停止 / stopped\n";
  return kOk;
}
}  // namespace

void add_serve(CLI::App& app, Context& ctx, int* exit_code) {
  auto o = std::make_shared<ServeOptions>();
  auto* cmd = app.add_subcommand("serve", "启动 Web 服务（HTTP API 与仪表盘）/ run the web server (HTTP API and dashboard)");
  chinese_help(cmd);
  cmd->add_option("--listen", o->listen, "监听地址 / listen address HOST:PORT（端口 0 = 任意空闲端口）")->capture_default_str();
  cmd->add_option("--web", o->web, "仪表盘文件目录 / dashboard folder (默认 <资源目录>/web/dist，若存在)");
  cmd->add_option("--schemes", o->schemes,
                  "评价办法目录 / schemes folder (默认 <资源目录>/schemes；管理员在网页上保存的评价办法写入此处)");
  cmd->add_option("--threads", o->threads, "工作线程数 / worker threads")->capture_default_str();
  cmd->add_flag("--allow-remote", o->allow_remote,
                "允许监听非本机地址（明文 HTTP，建议改用 nginx+TLS）/ allow a non-loopback --listen (plain HTTP)");
  cmd->add_flag("--secure-cookies", o->secure_cookies,
                "会话 Cookie 加 Secure（在 HTTPS 反向代理之后）/ Secure session cookies (behind HTTPS)");
  cmd->add_flag("--trust-proxy", o->trust_proxy,
                "信任本机反向代理（nginx）发来的 X-Real-IP 作为客户端地址（登录限速、审计）；不在代理之后时勿用 / "
                "take X-Real-IP from a loopback reverse proxy as the client address (only behind nginx)");
  cmd->add_option("--max-connections", o->max_connections,
                  "同时打开的连接上限，超出的新连接立即关闭 / open connections at most (more are closed at once)")
      ->capture_default_str();
  database_footer(cmd, ctx.db_path);
  cmd->footer("例 / example:  mujun --db zone.db serve --listen 127.0.0.1:8080\n"
              "账号 / accounts:  mujun --db zone.db user add admin --role admin   （部署见 docs/deploy.md）");
  cmd->callback([&ctx, exit_code, o] { *exit_code = serve(ctx, *o); });
}

}  // namespace mujun::cli
