// mujun reports — tier cultivation (梯度培育) as an XLSX workbook (libxlsxwriter, constant memory).
// Sheets: 汇总 (per tier: rule version, met / manual / unknown / unmet, holders, holders no longer
// meeting), 候选名单 (per tier, closest first, with gaps in native units), 复核预警 (holders that no
// longer meet), 证书到期 (next 12 months), 双倍增, 条件明细 (every enterprise × tier × condition:
// actual, threshold, period, state, gap, article, source document, confidence V/S/I).
#pragma once
#include <string>
#include <vector>

#include "tiers/doubling.h"
#include "tiers/pipeline.h"
#include "tiers/profile.h"
#include "tiers/verdict.h"

namespace mujun::reports {

struct TiersWorkbookInput {
  int year = 0;
  const tiers::Pipeline* pipeline = nullptr;
  const std::vector<tiers::EnterpriseProfile>* profiles = nullptr;
  const std::vector<std::vector<tiers::TierVerdict>>* verdicts = nullptr;  ///< parallel to profiles
  const std::vector<tiers::DoublingProgress>* doubling = nullptr;
};

/// Writes the workbook to `path`. Throws std::runtime_error (Chinese first) when it cannot be written.
void write_tiers_xlsx(const std::string& path, const TiersWorkbookInput& in);

}  // namespace mujun::reports
