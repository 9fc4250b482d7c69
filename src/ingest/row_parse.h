// mujun — one data row of an agency file, parsed: the cells of the mapped columns turned into
// typed values in canonical units, with every problem as an Issue (used by importer.cpp).
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/decimal.h"
#include "domain/frame.h"
#include "domain/issue.h"
#include "ingest/aliases.h"
#include "ingest/readers/cell.h"

namespace mujun::ingest {

/// A mapped column of a sheet.
struct ColumnMap {
  int index = 0;       ///< 0-based column
  HeaderMatch match;   ///< what the header means
};

struct ParsedRow {
  long row = 0;
  std::string uscc;        ///< normalised; "" when the row has none
  std::string name;
  std::string industry_code;
  std::string township;
  int start_year = 0;
  int year = 0;            ///< from a year column or the header; 0 = the file's year
  std::optional<bool> above_scale;
  std::vector<std::string> flags;
  std::vector<std::pair<std::string, Decimal>> metrics;  ///< (metric id, canonical value)
  // land parcel
  bool has_parcel = false;
  std::string parcel_id, tenure;
  std::optional<Decimal> area_m2;
  // certificate
  bool has_certificate = false;
  Certificate certificate;
  // support record
  bool has_support = false;
  std::string support_program;
  std::optional<Decimal> support_amount;
  std::string support_date;  ///< ISO date, "" when none

  Issues errors, warnings;
};

/// Parses one row. `file`/`sheet` fill the issues' place; `columns` come from the sheet's header.
ParsedRow parse_row(const readers::Row& row, const std::vector<ColumnMap>& columns, const std::string& file,
                    const std::string& sheet);

/// Cell text as the user sees it (for messages and the rejects file).
std::string cell_display(const readers::Cell& c);

/// A date cell as ISO "YYYY-MM-DD": an Excel date cell's own date, else validate.h parse_date of
/// its text; problems are appended to `issues`.
std::optional<std::string> cell_date(const readers::Cell& c, Issues& issues);

}  // namespace mujun::ingest
