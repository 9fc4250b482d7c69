// gen-zone — which GB/T 4754-2017 codes the example zone uses, and how they map to the "231" clusters.
// The same lists are written in examples/wansheng-2024/README.md for taxonomies/wansheng-231.toml.
#pragma once
#include <string>
#include <vector>

#include "zone_model.h"

namespace genzone {

/// Cluster (0..5, see kClusterNames) of a 4-digit code by the README's code lists, -1 when outside "231":
///   新能源及新型储能 3841 3842 3843 3825 · 新材料 2659 2921 3042 3051 3062 3217 3252 3259 ·
///   电子信息制造 397x 398x · 生物医药 27xx · 农产品及食品加工 13xx 14xx 15xx · 智能装备制造 34xx 35xx.
/// 3041 平板玻璃 and 3849 其他电池 are deliberately outside every list: the firms that need them are overrides.
int cluster_of_code(const std::string& code);

/// Codes the generator draws from for a group (规上 and 规下 manufacturing alike).
const std::vector<std::string>& codes_of(Group g);

/// A trade word for a firm name that fits the code (e.g. 3011 → "水泥").
std::string trade_of(const std::string& code, uint64_t pick);

}  // namespace genzone
