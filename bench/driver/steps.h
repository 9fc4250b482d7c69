// mujun-bench — the whole-run steps measured by scripts/bench (one step per process).
// Each prints JSON lines (measure.h) and returns a process exit code (0 ok, 1 failed input, 2 usage).
#pragma once
#include <string>
#include <vector>

namespace mujun::bench {

/// Reads every visible sheet of FILE (XLSX or CSV, any encoding open_table accepts) `repeat` times:
/// rows, cells, the sum of the numbers in column `sum_col` (0-based; text cells parsed as decimals, for
/// the cross-check with the peers), bytes read (XLSX: uncompressed sheet XML; CSV: file bytes).
int step_read(const std::string& file, int repeat, int sum_col);

/// Imports FILES into a new SQLite database DB (year `year`) with ingest::import_files; rows accepted,
/// rejected, warnings.
int step_import(const std::string& db, const std::vector<std::string>& files, int year);

/// Evaluates `year` of DB under SCHEME: `repeat` snapshots (from SQLite), `repeat` evaluations of the
/// in-memory snapshot; writes "uscc,class" for every evaluated firm to `classes_out` when not empty.
/// `cold`: every snapshot is the first after an import (the snapshot cache emptied before each, so it
/// reads the tables and stores the frame); else the cache is filled first and every snapshot reads it.
/// Steps printed: snapshot_sqlite_cold|warm, evaluate_memory, evaluate_from_sqlite_cold|warm.
int step_evaluate(const std::string& db, const std::string& scheme, int year, int repeat,
                  const std::string& classes_out, bool cold);

/// Prints a SHA-256 of every result of each scheme in SCHEMES over `year` of DB (step_digest.cpp):
/// equal before and after an engine change ⇔ no result bit changed. One JSON line per scheme:
/// {"step": "digest", "scheme": ID, "file": SCHEME path as given, "enterprises": N, "sha256": HEX}.
/// Returns 1 (message on stderr, no hash printed) when DB has no fact of `year` (Store::years) or the
/// snapshot of `year` holds no enterprise.
/// DB must exist (main.cpp refuses a missing path: opening it would create an empty database).
int step_digest(const std::string& db, const std::vector<std::string>& schemes, int year);

/// Computes the statistics bulletin of `year` of DB with TAXONOMY `repeat` times from one snapshot.
int step_stats(const std::string& db, const std::string& taxonomy, int year, int repeat);

}  // namespace mujun::bench
