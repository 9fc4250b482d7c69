// mujun — row-level checks of impossible or suspicious values (issue 2, item 6), applied by the
// importer after each row is parsed. Errors reject the row; warnings keep it with a remark.
// Sources: /work/shared/reference/data-standards.md §5.2 (增加值 < 总产值; 销售产值 ≤ 总产值 × ~1.1;
// 利润总额 may be negative; 规上 flag with 营业收入 < 2000 万元 → warning, the firm may be in its exit
// year) and GLOSSARY.md (规上 = 主营业务收入 ≥ 2000 万元).
#pragma once
#include <string>

#include "ingest/row_parse.h"

namespace mujun::ingest {

/// Appends to `row.errors` / `row.warnings` the rules of validate.h check_plausibility (negative
/// quantities, 增加值 > 总产值, R&D above revenue, 规上 with 主营业务收入 < 2000 万元 …) and the
/// record-level rules: "land.area_missing" (error: a parcel row without an area),
/// "land.tenure_missing" (warning: taken as owned), "certificate.type_missing" (error),
/// "certificate.dates" (error: 有效期至 before 认定日期).
void check_row(ParsedRow& row, const std::string& file, const std::string& sheet);

}  // namespace mujun::ingest
