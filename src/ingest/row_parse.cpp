#include "ingest/row_parse.h"

#include <cstdio>

#include "ingest/validate.h"
#include "ingest/values.h"
#include "standards/industry.h"
#include "standards/text.h"
#include "standards/uscc.h"

namespace mujun::ingest {
namespace {
using readers::Cell;
using readers::CellKind;

std::string trimmed(std::string_view s) {
  std::string a = standards::fullwidth_to_ascii(s);
  return std::string(standards::trim_ascii(a));
}

Issue make_issue(const std::string& file, const std::string& sheet, long row, const std::string& column,
                 const std::string& raw, std::string code, std::string message, Severity sev) {
  return Issue{file, sheet, row, column, raw, std::move(code), std::move(message), sev};
}


}  // namespace

std::string cell_display(const Cell& c) {
  switch (c.kind) {
    case CellKind::Empty: return "";
    case CellKind::Date: return c.iso;
    case CellKind::Bool: return c.number != 0 ? "TRUE" : "FALSE";
    case CellKind::FormulaNoValue: return "=" + c.text;
    default: return c.text;
  }
}

std::optional<std::string> cell_date(const Cell& c, Issues& issues) {
  if (c.kind == CellKind::Date) {
    if (c.iso.size() >= 10 && c.iso[4] == '-') return c.iso.substr(0, 10);
    issues.push_back(Issue{"", "", 0, "", c.iso, "date.invalid", "单元格是时间而不是日期 / a time, not a date",
                           Severity::Error});
    return std::nullopt;
  }
  return parse_date(c.text, issues);
}

ParsedRow parse_row(const readers::Row& row, const std::vector<ColumnMap>& columns, const std::string& file,
                    const std::string& sheet) {
  ParsedRow out;
  out.row = row.number;
  auto err = [&](const ColumnMap& col, const std::string& raw, std::string code, std::string msg) {
    out.errors.push_back(make_issue(file, sheet, row.number, col.match.label, raw, std::move(code), std::move(msg),
                                    Severity::Error));
  };
  auto take = [&](const ColumnMap& col, Issues&& issues) {
    for (auto& i : issues) {
      i.file = file;
      i.sheet = sheet;
      i.row = row.number;
      i.column = col.match.label;
      (i.severity == Severity::Error ? out.errors : out.warnings).push_back(std::move(i));
    }
  };
  // Parses a quantity cell; nullopt for missing or invalid (the issue is recorded).
  auto quantity = [&](const ColumnMap& col, Dimension dim) -> std::optional<Decimal> {
    const Cell& c = row.at(static_cast<std::size_t>(col.index));
    ParsedValue v;
    switch (c.kind) {
      case CellKind::Empty: return std::nullopt;
      case CellKind::Number: v = parse_number(c.number, dim, col.match.unit); break;
      case CellKind::Text: v = parse_value(c.text, dim, col.match.unit); break;
      case CellKind::Error:
        err(col, c.text, "value.excel_error",
            "单元格是 Excel 错误值 " + c.text + "，请在 Excel 中修正公式后重新保存 / the cell holds an Excel error");
        return std::nullopt;
      case CellKind::FormulaNoValue:
        err(col, "=" + c.text, "value.formula_without_value",
            "公式没有保存计算结果（文件可能由程序生成、未经 Excel 计算）；请用 Excel 或 WPS 打开并保存后再导入，"
            "数值不会被当作 0 / the formula has no cached value: open and save the file in Excel, then import it");
        return std::nullopt;
      case CellKind::Date:
        err(col, c.iso, "value.not_a_number", "此列应为数值，单元格却是日期 / a date where a number is expected");
        return std::nullopt;
      case CellKind::Bool:
        err(col, cell_display(c), "value.not_a_number", "此列应为数值，单元格却是逻辑值 / a boolean where a number is expected");
        return std::nullopt;
    }
    take(col, std::move(v.issues));
    if (v.has_value()) return v.value;
    return std::nullopt;
  };

  for (const auto& col : columns) {
    const Cell& c = row.at(static_cast<std::size_t>(col.index));
    const std::string raw = cell_display(c);
    const std::string text = trimmed(raw);
    switch (col.match.kind) {
      case HeaderKind::Uscc: {
        if (text.empty()) break;  // reported once below
        auto r = standards::validate_uscc(raw);
        take(col, std::move(r.issues));
        if (r.ok()) out.uscc = *r.code;
        else out.uscc = "?";
        break;
      }
      case HeaderKind::Name:
        if (out.name.empty()) out.name = text;
        break;
      case HeaderKind::IndustryCode: {
        if (text.empty()) break;
        auto r = standards::validate_industry_code(raw, standards::default_industry_table());
        take(col, std::move(r.issues));
        if (r.ok()) out.industry_code = *r.code;
        break;
      }
      case HeaderKind::AboveScale: {
        Issues is;
        out.above_scale = parse_flag(text, is);
        take(col, std::move(is));
        break;
      }
      case HeaderKind::ParcelId:
        out.has_parcel = true;
        out.parcel_id = text;
        break;
      case HeaderKind::Area: {
        out.has_parcel = true;
        out.area_m2 = quantity(col, Dimension::Area);  // sign and absence are checked in plausibility.cpp
        break;
      }
      case HeaderKind::Tenure: {
        out.has_parcel = true;
        if (text.empty()) break;
        Issues is;
        if (auto t = parse_tenure(text, is)) out.tenure = *t;
        take(col, std::move(is));
        break;
      }
      case HeaderKind::Township:
        out.township = text;
        break;
      case HeaderKind::Location:  // 坐落 (parcel address): shown in the rejects file, not stored
        break;
      case HeaderKind::StartYear:
      case HeaderKind::Year: {
        if (text.empty()) break;
        Issues is;
        std::optional<int> y;
        if (c.kind == CellKind::Date) y = std::stoi(c.iso.substr(0, 4));
        else y = parse_year(text, is);
        take(col, std::move(is));
        if (y) (col.match.kind == HeaderKind::Year ? out.year : out.start_year) = *y;
        break;
      }
      case HeaderKind::CertType: {
        if (text.empty()) break;
        out.has_certificate = true;
        Issues is;
        if (auto t = parse_cert_type(text, is)) out.certificate.tier = *t;
        take(col, std::move(is));
        break;
      }
      case HeaderKind::CertLevel: {
        if (text.empty()) break;
        Issues is;
        if (auto l = parse_cert_level(text, is)) out.certificate.level = *l;
        take(col, std::move(is));
        break;
      }
      case HeaderKind::CertNumber:
        out.certificate.number = text;
        break;
      case HeaderKind::CertIssued:
      case HeaderKind::CertExpires: {
        if (text.empty()) break;
        Issues is;
        auto d = cell_date(c, is);
        take(col, std::move(is));
        if (d) (col.match.kind == HeaderKind::CertIssued ? out.certificate.issued : out.certificate.expires) = *d;
        break;
      }
      case HeaderKind::Flag: {
        Issues is;
        auto yn = parse_flag(text, is);
        take(col, std::move(is));
        if (yn && *yn) out.flags.push_back(col.match.id);
        break;
      }
      case HeaderKind::SupportProgram:
        out.has_support = true;
        out.support_program = text;
        break;
      case HeaderKind::SupportAmount:
        out.has_support = true;
        out.support_amount = quantity(col, Dimension::Money);
        break;
      case HeaderKind::SupportDate: {
        if (text.empty()) break;
        Issues is;
        if (auto d = cell_date(c, is)) out.support_date = *d;
        take(col, std::move(is));
        break;
      }
      case HeaderKind::Metric: {
        if (!col.match.dimension) break;
        auto v = quantity(col, *col.match.dimension);
        if (v) out.metrics.emplace_back(col.match.id, *v);
        break;
      }
      case HeaderKind::Ignore:
      case HeaderKind::Unknown:
        break;
    }
  }
  return out;
}

}  // namespace mujun::ingest
