// mujun reports — the yearly overview (数据一览) as Markdown.
#pragma once
#include <string>

#include "statistics/check.h"
#include "statistics/figure.h"

namespace mujun::reports {

/// Markdown text: a title, one table per section (指标 | 数值 | 单位 | 公式), notes, the cluster
/// membership check, and the published-overview check when `check` is given.
std::string bulletin_markdown(const statistics::Bulletin& b, const statistics::CheckReport* check);

/// Writes bulletin_markdown to `path` (UTF-8). Throws std::runtime_error with a Chinese-first message
/// when the file cannot be written.
void write_bulletin_md(const std::string& path, const statistics::Bulletin& b, const statistics::CheckReport* check);

}  // namespace mujun::reports
