// mujun — CLI11's parse errors in Chinese first, then CLI11's own English text (which names the option
// and the value given), for the usage-error line `mujun` prints (exit code 2):
//   用法错误 / usage error: 选项 --threads 的值 'x' 无法转换为所需类型（见 --help）/ Could not convert: --threads = x
#pragma once
#include <CLI/CLI.hpp>
#include <string>

namespace mujun::cli {

/// "<中文> / <e.what()>" for a CLI11 error (CLI11 2.1.2, Debian's), by kind (the error's type):
///   ConversionError  "Could not convert: N = V"                → 选项 N 的值 'V' 无法转换为所需类型（见 --help）
///                    "The value V is not an allowed value for N" → 选项 N 不接受值 'V'
///                    "N: too many inputs for a flag"            → 开关 N 不带值
///                    "N: Should be true/false or a number"      → 开关 N 的值应为 true/false 或数字
///   RequiredError    "A subcommand is required"                 → 缺少子命令（可用的命令见 --help）
///                    "N is required"                            → 缺少必填的选项 N（参数 N for a positional）
///   ExtrasError      "The following argument(s) … expected: X"  → 无法识别的参数：X（选项名拼写有误，或多给了值）
///   ArgumentMismatch "N: K required T missing"                  → 选项 N 缺少值（需要 K 个 T）
///                    "N: At least K required but received M"    → 选项 N 至少需要 K 个值，收到 M 个
///                    "N: At Most K required but received M"     → 选项 N 至多接受 K 个值，收到 M 个
///                    "Expected exactly|at least K arguments to N, got M" → 选项 N 需要（至少）K 个值，收到 M 个
///   ValidationError  "N: File does not exist: P"                → 参数 N 的值无效：文件不存在 P
///                    "N: Value V not in range A to B"           → 选项 N 的值无效：V 不在 A 到 B 之间
///                    "N: V not in {a,b}"                        → 选项 N 的值无效：V 不是 {a,b} 之一
///                    "N: <a mujun validator's 中文 / English>"   → 选项 N 的值无效：<that text> (no second English)
///   FileError        "N was not readable (missing?)"            → 文件 N 无法读取（不存在？）
///   OptionNotFound   "N not found"                              → 没有选项 N
/// A name starting with '-' is an option (选项 N), any other a positional argument (参数 N). Any other
/// kind or text: "命令行有误 / <e.what()>".
std::string usage_error_text(const CLI::Error& e);

}  // namespace mujun::cli
