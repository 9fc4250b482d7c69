// mujun fuzzing — reads every sheet of a table the way the importer does (first rows → header
// detection with the merges, then every row) and checks what the readers promise about cells.
#pragma once
#include "ingest/readers/table_reader.h"

namespace mujun::fuzz {

/// Opens `path` with the default ReaderLimits and walks it. ReaderError is the documented outcome
/// for a bad file and is swallowed; every other exception propagates (a defect). Invariants
/// checked: row numbers ≥ 1, columns ≤ max_columns, cell text ≤ max_cell_bytes and valid UTF-8,
/// Date cells carry an ISO text, merges have first ≤ last.
void walk_table(const std::string& path);

}  // namespace mujun::fuzz
