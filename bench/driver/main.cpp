// mujun-bench — whole-run benchmark steps (docs/PERFORMANCE.md, scripts/bench).
//
//   mujun-bench read FILE [--repeat R] [--sum-col C]
//   mujun-bench import DB FILE... [--year Y]
//   mujun-bench evaluate DB SCHEME [--year Y] [--repeat R] [--classes OUT.csv] [--snapshot cold|warm]
//   mujun-bench stats DB TAXONOMY [--year Y] [--repeat R]
//   mujun-bench digest DB SCHEME... [--year Y]
//
// Output: one JSON line per measurement (step, median seconds, every run, peak RSS in MiB, counts).
// Exit codes: 0 ok, 1 failed input (a missing database, a year without enterprises, a bad file),
// 2 usage (unknown command or option, an option without its value, a value out of range).
#include <charconv>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <limits>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "steps.h"

namespace {

int usage() {
  std::fputs(
      "用法 / usage:\n"
      "  mujun-bench read FILE [--repeat R] [--sum-col C]\n"
      "  mujun-bench import DB FILE... [--year Y]\n"
      "  mujun-bench evaluate DB SCHEME [--year Y] [--repeat R] [--classes OUT.csv] [--snapshot cold|warm]\n"
      "  mujun-bench stats DB TAXONOMY [--year Y] [--repeat R]\n"
      "  mujun-bench digest DB SCHEME... [--year Y]\n"
      "  R ≥ 1 (默认 / default 1), Y 1900–2100 (默认 / default 2024), C ≥ 0 (从 0 起的列号 / 0-based column,\n"
      "  默认 / default 4); evaluate/stats/digest 的 DB 须已存在 / DB must exist (mujun-bench import)\n",
      stderr);
  return 2;
}

/// A usage error naming the option and the value given: message, the usage text, exit code 2.
int bad_value(const std::string& option, const char* value, const char* want_zh, const char* want_en) {
  if (value == nullptr)
    std::fprintf(stderr, "mujun-bench: 选项 %s 缺少取值（应为%s） / option %s needs a value (%s)\n", option.c_str(),
                 want_zh, option.c_str(), want_en);
  else
    std::fprintf(stderr, "mujun-bench: 选项 %s 的值 \"%s\" 无效，应为%s / option %s: invalid value \"%s\", expected %s\n",
                 option.c_str(), value, want_zh, option.c_str(), value, want_en);
  return usage();
}

/// Parses the whole of `text` as a decimal integer in [lo, hi]; false on anything else ("", "12x",
/// "abc", "+3", " 3", out of range).
bool parse_int(const char* text, int lo, int hi, int& out) {
  const std::string_view s(text);
  int v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || v < lo || v > hi) return false;
  out = v;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) return usage();
  const std::string cmd = argv[1];
  std::vector<std::string> pos;
  int repeat = 1, year = 2024, sum_col = 4;
  constexpr int kMax = std::numeric_limits<int>::max();
  std::string classes, snapshot = "warm";
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    const char* v = nullptr;
    auto next = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    if (a == "--repeat") {
      if ((v = next()) == nullptr || !parse_int(v, 1, kMax, repeat))
        return bad_value(a, v, "≥ 1 的整数", "an integer >= 1");
    } else if (a == "--year") {
      if ((v = next()) == nullptr || !parse_int(v, 1900, 2100, year))
        return bad_value(a, v, " 1900–2100 之间的整数年份", "a year, an integer in 1900-2100");
    } else if (a == "--sum-col") {
      if ((v = next()) == nullptr || !parse_int(v, 0, kMax, sum_col))
        return bad_value(a, v, "≥ 0 的整数列号（从 0 起）", "a 0-based column number >= 0");
    } else if (a == "--classes") {
      if ((v = next()) == nullptr || *v == '\0') return bad_value(a, v, "输出 CSV 文件路径", "an output CSV path");
      classes = v;
    } else if (a == "--snapshot") {
      if ((v = next()) == nullptr || (std::string_view(v) != "cold" && std::string_view(v) != "warm"))
        return bad_value(a, v, " cold 或 warm", "cold or warm");
      snapshot = v;
    } else if (a.starts_with("--")) {
      std::fprintf(stderr, "mujun-bench: 未知选项 %s / unknown option %s\n", a.c_str(), a.c_str());
      return usage();
    } else {
      pos.push_back(a);
    }
  }
  // evaluate, stats and digest read an existing database: opening a missing path would create an empty
  // one and measure (or hash) zero enterprises.
  if ((cmd == "evaluate" || cmd == "stats" || cmd == "digest") && !pos.empty()) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(pos[0], ec)) {
      std::fprintf(stderr,
                   "mujun-bench %s: 数据库 %s 不存在（或不是文件），请先用 mujun-bench import 建立 / database %s does "
                   "not exist (or is not a file): create it with mujun-bench import first\n",
                   cmd.c_str(), pos[0].c_str(), pos[0].c_str());
      return 1;
    }
  }
  try {
    if (cmd == "read" && pos.size() == 1) return mujun::bench::step_read(pos[0], repeat, sum_col);
    if (cmd == "import" && pos.size() >= 2)
      return mujun::bench::step_import(pos[0], std::vector<std::string>(pos.begin() + 1, pos.end()), year);
    if (cmd == "evaluate" && pos.size() == 2) return mujun::bench::step_evaluate(pos[0], pos[1], year, repeat, classes, snapshot == "cold");
    if (cmd == "digest" && pos.size() >= 2)
      return mujun::bench::step_digest(pos[0], std::vector<std::string>(pos.begin() + 1, pos.end()), year);
    if (cmd == "stats" && pos.size() == 2) return mujun::bench::step_stats(pos[0], pos[1], year, repeat);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "mujun-bench %s: 失败 / failed: %s\n", cmd.c_str(), e.what());
    return 1;
  }
  std::fprintf(stderr, "mujun-bench: 未知命令或参数个数不对：%s / unknown command or wrong number of arguments: %s\n",
               cmd.c_str(), cmd.c_str());
  return usage();
}
