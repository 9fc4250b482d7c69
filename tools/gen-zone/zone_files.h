// gen-zone — writes the example zone as the agencies' files, with the documented real-world flaws.
#pragma once
#include <string>
#include <vector>

#include "zone_model.h"

namespace genzone {

/// One deliberate flaw: where it is (file, sheet, 1-based row as Excel/text editors number it, column),
/// the raw value written, what is wrong and what a correct importer does with it.
struct Flaw {
  std::string file, sheet;
  int row = 0;
  std::string column, value, what, expected;
};

/// Writes every file of the example zone into `dir` (which must exist) and returns the flaws placed.
/// Files: registry.xlsx, statistics-{2022,2023,2024}.xlsx, tax-{2023,2024}.csv (GBK), land-parcels.xlsx,
/// electricity-2024.csv, emissions-2024.xlsx, certificates.xlsx, sci-tech-2024.xlsx, support-records.xlsx,
/// cluster-overrides.csv, zone-totals.toml, FLAWS.md. Throws std::runtime_error naming a file it cannot write.
std::vector<Flaw> write_zone_files(const Zone& zone, const std::string& dir);

}  // namespace genzone
