// mujun reports — the yearly overview (数据一览) as an XLSX workbook (libxlsxwriter).
// Sheets: 数据一览 (section, id, 指标, 数值, 单位, 计算方法, 说明), 计算输入 (id, 输入, 值, 单位 — exact
// sums as text), 集群归属核对, and 公布核对 when a check is given. Values are written as numbers with
// their display precision as the cell format.
#pragma once
#include <string>

#include "statistics/check.h"
#include "statistics/figure.h"

namespace mujun::reports {

/// Writes the workbook to `path`. Throws std::runtime_error (Chinese first) when it cannot be written.
void write_bulletin_xlsx(const std::string& path, const statistics::Bulletin& b, const statistics::CheckReport* check);

}  // namespace mujun::reports
