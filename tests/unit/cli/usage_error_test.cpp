// Usage errors of `mujun` (cli/usage_error.h): CLI11's parse errors in Chinese first, then CLI11's own
// English text with the option and the value given. The kinds one by one (the CLI11 errors built as
// CLI11 2.1.2 builds them), then the whole stderr text and exit code 2 of the built binary.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli/usage_error.h"
#include "run_mujun.h"

using mujun::cli::usage_error_text;

namespace {

const std::string kPrefix = "用法错误 / usage error: ";
const std::string kHint = "\n运行 mujun --help 或 mujun <命令> --help 查看用法 / run with --help for usage.\n";

}  // namespace

TEST(UsageErrorText, ConversionError) {
  EXPECT_EQ(usage_error_text(CLI::ConversionError("--threads", std::vector<std::string>{"x"})),
            "选项 --threads 的值 'x' 无法转换为所需类型（见 --help）/ Could not convert: --threads = x");
  EXPECT_EQ(usage_error_text(CLI::ConversionError("maybe", "--kind")),
            "选项 --kind 不接受值 'maybe' / The value maybe is not an allowed value for --kind");
  EXPECT_EQ(usage_error_text(CLI::ConversionError::TooManyInputsFlag("--json")),
            "开关 --json 不带值 / --json: too many inputs for a flag");
  EXPECT_EQ(usage_error_text(CLI::ConversionError::TrueFalse("--json")),
            "开关 --json 的值应为 true/false 或数字 / --json: Should be true/false or a number");
}

TEST(UsageErrorText, RequiredError) {
  EXPECT_EQ(usage_error_text(CLI::RequiredError("--scheme")), "缺少必填的选项 --scheme / --scheme is required");
  EXPECT_EQ(usage_error_text(CLI::RequiredError("name")), "缺少必填的参数 name / name is required");
  EXPECT_EQ(usage_error_text(CLI::RequiredError::Subcommand(1)),
            "缺少子命令（可用的命令见 --help）/ A subcommand is required");
}

TEST(UsageErrorText, ExtrasError) {
  EXPECT_EQ(usage_error_text(CLI::ExtrasError(std::vector<std::string>{"extra"})),
            "无法识别的参数：extra（选项名拼写有误，或多给了值）/ The following argument was not expected: extra");
  // as a subcommand throws it (CLI11 puts the subcommand's name where the kind's name would be)
  EXPECT_EQ(usage_error_text(CLI::ExtrasError("serve", std::vector<std::string>{"extra"})),
            "无法识别的参数：extra（选项名拼写有误，或多给了值）/ The following argument was not expected: extra");
  // CLI11 lists them in reverse order
  EXPECT_EQ(usage_error_text(CLI::ExtrasError(std::vector<std::string>{"--kind", "x"})),
            "无法识别的参数：x --kind（选项名拼写有误，或多给了值）/ The following arguments were not expected: x --kind");
}

TEST(UsageErrorText, ArgumentMismatch) {
  EXPECT_EQ(usage_error_text(CLI::ArgumentMismatch::TypedAtLeast("--year", 1, "INT")),
            "选项 --year 缺少值（需要 1 个 INT）/ --year: 1 required INT missing");
  EXPECT_EQ(usage_error_text(CLI::ArgumentMismatch::AtLeast("files", 1, 0)),
            "参数 files 至少需要 1 个值，收到 0 个 / files: At least 1 required but received 0");
  EXPECT_EQ(usage_error_text(CLI::ArgumentMismatch::AtMost("--db", 1, 2)),
            "选项 --db 至多接受 1 个值，收到 2 个 / --db: At Most 1 required but received 2");
  EXPECT_EQ(usage_error_text(CLI::ArgumentMismatch("--db", 1, 0)),
            "选项 --db 需要 1 个值，收到 0 个 / Expected exactly 1 arguments to --db, got 0");
  EXPECT_EQ(usage_error_text(CLI::ArgumentMismatch("files", -2, 1)),
            "参数 files 至少需要 2 个值，收到 1 个 / Expected at least 2 arguments to files, got 1");
}

TEST(UsageErrorText, ValidationError) {
  EXPECT_EQ(usage_error_text(CLI::ValidationError("files", "File does not exist: nofile.xlsx")),
            "参数 files 的值无效：文件不存在 nofile.xlsx / files: File does not exist: nofile.xlsx");
  EXPECT_EQ(usage_error_text(CLI::ValidationError("--year", "Value 3000 not in range 1990 to 2100")),
            "选项 --year 的值无效：3000 不在 1990 到 2100 之间 / --year: Value 3000 not in range 1990 to 2100");
  EXPECT_EQ(usage_error_text(CLI::ValidationError("--source", "nope not in {statistics,tax}")),
            "选项 --source 的值无效：nope 不是 {statistics,tax} 之一 / --source: nope not in {statistics,tax}");
  // a mujun validator's message is already Chinese first: not repeated in English
  EXPECT_EQ(usage_error_text(CLI::ValidationError("--out", "输出文件须以 .xlsx 结尾 / the output file must end in .xlsx: x.txt")),
            "选项 --out 的值无效：输出文件须以 .xlsx 结尾 / the output file must end in .xlsx: x.txt");
  EXPECT_EQ(usage_error_text(CLI::ValidationError("--kind", "something else")),
            "选项 --kind 的值无效 / --kind: something else");
}

TEST(UsageErrorText, FileErrorOptionNotFoundAndOthers) {
  EXPECT_EQ(usage_error_text(CLI::FileError::Missing("mujun.ini")),
            "文件 mujun.ini 无法读取（不存在？）/ mujun.ini was not readable (missing?)");
  EXPECT_EQ(usage_error_text(CLI::OptionNotFound("--nope")), "没有选项 --nope / --nope not found");
  EXPECT_EQ(usage_error_text(CLI::ExcludesError("--a", "--b")), "命令行有误 / --a excludes --b");
}

// The built binary: the whole text on stderr and exit code 2, for the kinds a user meets.
TEST(UsageErrorBinary, ConversionRequiredExtrasMismatchValidation) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"serve --threads x", "选项 --threads 的值 'x' 无法转换为所需类型（见 --help）/ Could not convert: --threads = x"},
      {"evaluate --year 2024", "缺少必填的选项 --scheme / --scheme is required"},
      {"user add", "缺少必填的参数 name / name is required"},
      {"user", "缺少子命令（可用的命令见 --help）/ A subcommand is required"},
      {"serve extra", "无法识别的参数：extra（选项名拼写有误，或多给了值）/ The following argument was not expected: extra"},
      {"stats --year", "选项 --year 缺少值（需要 1 个 INT）/ --year: 1 required INT missing"},
      {"import --year 3000 " + std::string(MUJUN_TEST_DIR) + "/CMakeLists.txt",
       "选项 --year 的值无效：3000 不在 1990 到 2100 之间 / --year: Value 3000 not in range 1990 to 2100"},
      {"import /nonexistent/zone.xlsx",
       "参数 files 的值无效：文件不存在 /nonexistent/zone.xlsx / files: File does not exist: /nonexistent/zone.xlsx"},
      {"evaluate --year 2024 --scheme a.toml --out x.txt",
       "选项 --out 的值无效：输出文件须以 .xlsx 结尾 / the output file must end in .xlsx: x.txt"},
  };
  for (const auto& [args, message] : cases) {
    auto r = mujun::test::run_mujun(args);
    EXPECT_EQ(r.out, kPrefix + message + kHint) << "mujun " << args;
    EXPECT_EQ(r.code, 2) << "mujun " << args;
  }
}
