#include "cli/usage_error.h"

#include <regex>

namespace mujun::cli {
namespace {

// "选项 --year" for an option, "参数 files" for a positional argument.
std::string what_is(const std::string& name) { return (name.starts_with("-") ? "选项 " : "参数 ") + name; }

bool all_ascii(const std::string& s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

// The Chinese part for CLI11's text `w` of kind `kind`; "" when the text is not one we know.
std::string chinese(const std::string& kind, const std::string& w) {
  std::smatch m;
  if (kind == "ConversionError") {
    if (std::regex_match(w, m, std::regex(R"(Could not convert: (\S+) = ([\s\S]*))")))
      return what_is(m[1]) + " 的值 '" + m[2].str() + "' 无法转换为所需类型（见 --help）";
    if (std::regex_match(w, m, std::regex(R"(The value ([\s\S]*) is not an allowed value for (\S+))")))
      return what_is(m[2]) + " 不接受值 '" + m[1].str() + "'";
    if (std::regex_match(w, m, std::regex(R"((\S+): too many inputs for a flag)"))) return "开关 " + m[1].str() + " 不带值";
    if (std::regex_match(w, m, std::regex(R"((\S+): Should be true/false or a number)")))
      return "开关 " + m[1].str() + " 的值应为 true/false 或数字";
    return "选项的值无法转换";
  }
  if (kind == "RequiredError") {
    if (w == "A subcommand is required") return "缺少子命令（可用的命令见 --help）";
    if (std::regex_match(w, m, std::regex(R"((\S+) is required)"))) return "缺少必填的" + what_is(m[1]);
    return "缺少必填项";
  }
  if (kind == "ExtrasError") {
    if (std::regex_match(w, m, std::regex(R"(The following arguments? (?:was|were) not expected: ([\s\S]*))")))
      return "无法识别的参数：" + m[1].str() + "（选项名拼写有误，或多给了值）";
    return "无法识别的参数";
  }
  if (kind == "ArgumentMismatch") {
    if (std::regex_match(w, m, std::regex(R"((\S+): (\d+) required (\S+) missing)")))
      return what_is(m[1]) + " 缺少值（需要 " + m[2].str() + " 个 " + m[3].str() + "）";
    if (std::regex_match(w, m, std::regex(R"((\S+): At least (\d+) required but received (\d+))")))
      return what_is(m[1]) + " 至少需要 " + m[2].str() + " 个值，收到 " + m[3].str() + " 个";
    if (std::regex_match(w, m, std::regex(R"((\S+): At Most (\d+) required but received (\d+))")))
      return what_is(m[1]) + " 至多接受 " + m[2].str() + " 个值，收到 " + m[3].str() + " 个";
    if (std::regex_match(w, m, std::regex(R"(Expected (exactly|at least) (\d+) arguments to (\S+), got (\d+))")))
      return what_is(m[3]) + (m[1] == "exactly" ? " 需要 " : " 至少需要 ") + m[2].str() + " 个值，收到 " + m[4].str() + " 个";
    return "选项的值的个数不对";
  }
  if (kind == "ValidationError") {
    if (!std::regex_match(w, m, std::regex(R"((\S+): ([\s\S]*))"))) return "选项的值无效";
    const std::string who = what_is(m[1]), msg = m[2];
    std::smatch v;
    if (std::regex_match(msg, v, std::regex(R"(File does not exist: ([\s\S]*))")))
      return who + " 的值无效：文件不存在 " + v[1].str();
    if (std::regex_match(msg, v, std::regex(R"(Value (\S+) not in range (\S+) to (\S+))")))
      return who + " 的值无效：" + v[1].str() + " 不在 " + v[2].str() + " 到 " + v[3].str() + " 之间";
    if (std::regex_match(msg, v, std::regex(R"(([\s\S]*) not in (\{[\s\S]*\}))")))
      return who + " 的值无效：" + v[1].str() + " 不是 " + v[2].str() + " 之一";
    return who + " 的值无效";
  }
  if (kind == "FileError") {
    if (std::regex_match(w, m, std::regex(R"(([\s\S]*) was not readable \(missing\?\))")))
      return "文件 " + m[1].str() + " 无法读取（不存在？）";
    return "文件无法读取";
  }
  if (kind == "OptionNotFound") {
    if (std::regex_match(w, m, std::regex(R"((\S+) not found)"))) return "没有" + what_is(m[1]);
    return "没有这个选项";
  }
  return "";
}

// The kind of `e` by its type: Error::get_name() is not enough, CLI11 2.1.2's ExtrasError(name, args) of a
// subcommand carries the subcommand's name there ("serve") instead of "ExtrasError".
std::string kind_of(const CLI::Error& e) {
  if (dynamic_cast<const CLI::ConversionError*>(&e)) return "ConversionError";
  if (dynamic_cast<const CLI::RequiredError*>(&e)) return "RequiredError";
  if (dynamic_cast<const CLI::ExtrasError*>(&e)) return "ExtrasError";
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e)) return "ArgumentMismatch";
  if (dynamic_cast<const CLI::ValidationError*>(&e)) return "ValidationError";
  if (dynamic_cast<const CLI::FileError*>(&e)) return "FileError";
  if (dynamic_cast<const CLI::OptionNotFound*>(&e)) return "OptionNotFound";
  return e.get_name();
}

}  // namespace

std::string usage_error_text(const CLI::Error& e) {
  const std::string w = e.what(), kind = kind_of(e);
  // A mujun validator's message is already "中文 / English": it follows the Chinese head alone.
  if (kind == "ValidationError") {
    std::smatch m;
    if (std::regex_match(w, m, std::regex(R"((\S+): ([\s\S]*))")) && !all_ascii(m[2]))
      return what_is(m[1]) + " 的值无效：" + m[2].str();
  }
  std::string zh = chinese(kind, w);
  if (zh.empty()) zh = "命令行有误";
  return zh + (zh.ends_with("）") ? "/ " : " / ") + w;  // "…（见 --help）/ Could not …" as elsewhere
}

}  // namespace mujun::cli
