#include "ingest/plausibility.h"

#include <algorithm>
#include <optional>

#include "ingest/validate.h"

namespace mujun::ingest {

void check_row(ParsedRow& r, const std::string& file, const std::string& sheet) {
  auto add = [&](Issues& to, std::string column, std::string value, std::string code, std::string msg, Severity s) {
    to.push_back(Issue{file, sheet, r.row, std::move(column), std::move(value), std::move(code), std::move(msg), s});
  };
  RowFacts facts;
  for (auto& [m, v] : r.metrics) facts.metrics[m] = v;
  facts.above_scale = r.above_scale;
  facts.land_area_m2 = r.area_m2;
  for (auto& is : check_plausibility(facts)) {
    is.file = file;
    is.sheet = sheet;
    is.row = r.row;
    (is.severity == Severity::Error ? r.errors : r.warnings).push_back(std::move(is));
  }
  if (r.has_parcel && !r.area_m2 && r.errors.empty())
    add(r.errors, "宗地面积", "", "land.area_missing",
        "宗地行缺少面积；请填写面积（平方米、亩或公顷）/ a parcel row without an area", Severity::Error);
  if (r.has_parcel && r.tenure.empty() && r.area_m2)
    add(r.warnings, "权属", "", "land.tenure_missing", "未填权属，按自有用地处理 / no tenure: taken as owned",
        Severity::Warning);
  if (r.has_certificate) {
    if (r.certificate.tier.empty() && r.errors.empty())
      add(r.errors, "认定类型", "", "certificate.type_missing", "缺少认定类型 / certificate type missing",
          Severity::Error);
    if (!r.certificate.issued.empty() && !r.certificate.expires.empty() && r.certificate.expires < r.certificate.issued)
      add(r.errors, "有效期至", r.certificate.expires, "certificate.dates",
          "有效期至（" + r.certificate.expires + "）早于认定日期（" + r.certificate.issued + "）/ expiry before issue",
          Severity::Error);
  }
}

}  // namespace mujun::ingest
