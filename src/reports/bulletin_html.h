// mujun reports — the yearly overview (数据一览) as one self-contained HTML page: inline CSS and inline
// SVG charts (no script, no network at view time): cluster output bars, the evaluation class
// distribution (when an evaluation run of the year exists), and up to 5-year trends (when earlier
// years exist), then the figure tables with their formulas and inputs, the membership check and the
// published-overview check.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "statistics/check.h"
#include "statistics/figure.h"

namespace mujun::reports {

struct BulletinHtmlInput {
  const statistics::Bulletin* bulletin = nullptr;   ///< the year shown (required)
  std::vector<const statistics::Bulletin*> trend;   ///< earlier years' overviews, any order (may be empty)
  std::map<std::string, long> class_counts;         ///< evaluation class → firms ("A" → 30); empty = none
  std::string class_source;                         ///< e.g. "评价运行 #3（scheme wansheng-2024）"
  const statistics::CheckReport* check = nullptr;   ///< optional
};

/// The HTML text (UTF-8).
std::string bulletin_html(const BulletinHtmlInput& in);

/// Writes bulletin_html to `path`. Throws std::runtime_error (Chinese first) when it cannot be written.
void write_bulletin_html(const std::string& path, const BulletinHtmlInput& in);

}  // namespace mujun::reports
