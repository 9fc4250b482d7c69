// Target import_csv: the input as an agency CSV file through the whole importer, into an in-memory
// SQLite store migrated afresh for every input.
#include "../fuzz_targets.h"
#include "../temp_file.h"
#include "ingest/importer.h"
#include "store/store.h"

namespace mujun::fuzz {

int import_csv(const std::uint8_t* data, std::size_t size) {
  // The year comes from the file name (importer.h), so rows need no year column.
  const std::string path = write_temp("fuzz-2024.csv", data, size);
  auto st = store::open_sqlite(":memory:");
  st->migrate();
  auto reports = ingest::import_files(*st, {path}, {});  // never throws for bad input (importer.h)
  fuzz_check(reports.size() == 1, "one report per file");
  const auto& r = reports[0];
  fuzz_check(r.rows_accepted + r.rows_rejected <= r.rows_total, "accepted + rejected <= total");
  const bool failed = ingest::import_failed(reports, false);
  // All-or-nothing: a failed import leaves no batch; a written one is exactly one batch.
  fuzz_check(failed ? st->batches().empty() : true, "a rejected import writes nothing");
  fuzz_check(r.written == (st->batches().size() == 1), "written <=> one batch stored");
  if (r.written) fuzz_check(!failed && r.rows_rejected == 0, "written only when nothing was rejected");
  return 0;
}

}  // namespace mujun::fuzz
