// Runs the built `mujun` binary (MUJUN_BINARY) for the CLI tests: its stdout and stderr together, and
// its exit code.
#pragma once
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace mujun::test {

struct MujunRun {
  std::string out;  ///< stdout and stderr, as printed
  int code = -1;    ///< exit code (-1 when it did not exit normally)
};

/// `<env> mujun <args>` through the shell; `env` is a prefix such as "MUJUN_DB=/x.db" or "env -u MUJUN_DB".
/// The default points MUJUN_DB at a file that does not exist, so nothing a test runs can touch a real
/// database (help and usage errors never open it).
inline MujunRun run_mujun(const std::string& args, const std::string& env = "MUJUN_DB=/nonexistent/mujun-cli-test.db") {
  std::string cmd = env + " \"" + MUJUN_BINARY + "\" " + args + " 2>&1";
  MujunRun r;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  int status = ::pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace mujun::test
