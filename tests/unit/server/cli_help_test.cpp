// The help of `mujun user` and `mujun serve` (fresh-eye review, issue 8): Chinese first like the other
// commands' descriptions — CLI11's own words too (用法 / Usage, 选项 / Options, the help flag, 必填 REQUIRED).
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <string>

namespace {

std::string output_of(const std::string& args) {
  std::string cmd = std::string("\"") + MUJUN_BINARY + "\" " + args + " 2>&1";
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return out;
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  ::pclose(p);
  return out;
}

}  // namespace

TEST(CliHelp, UserAndServeHelpAreChineseFirst) {
  for (const char* args : {"user --help", "user add --help", "user passwd --help", "user remove --help", "user list --help",
                           "serve --help"}) {
    const std::string h = output_of(args);
    EXPECT_NE(h.find("用法 / Usage:"), std::string::npos) << args << "\n" << h;
    EXPECT_NE(h.find("选项 / Options:"), std::string::npos) << args << "\n" << h;
    EXPECT_NE(h.find("-h,--help"), std::string::npos) << args;
    EXPECT_NE(h.find("显示此帮助并退出 / print this help and exit"), std::string::npos) << args << "\n" << h;
    EXPECT_EQ(h.find("Print this help message and exit"), std::string::npos) << args << "\n" << h;
  }
  const std::string user = output_of("user --help");
  EXPECT_NE(user.find("子命令 / Subcommands:"), std::string::npos) << user;
  EXPECT_NE(user.find("新建账号（密码从标准输入读一行）/ add an account"), std::string::npos) << user;
  const std::string add = output_of("user add --help");
  EXPECT_NE(add.find("必填 REQUIRED"), std::string::npos) << add;
  EXPECT_NE(add.find("参数 / Positionals:"), std::string::npos) << add;
  const std::string serve = output_of("serve --help");
  EXPECT_NE(serve.find("启动 Web 服务（HTTP API 与仪表盘）/ run the web server"), std::string::npos) << serve;
  // the top-level help still lists every command in one group
  const std::string top = output_of("--help");
  EXPECT_NE(top.find("serve"), std::string::npos);
  EXPECT_EQ(top.find("子命令 / Subcommands:"), std::string::npos) << top;
  // a missing subcommand is a Chinese-first usage error
  const std::string none = output_of("user");
  EXPECT_NE(none.find("用法错误 / usage error"), std::string::npos) << none;
}
