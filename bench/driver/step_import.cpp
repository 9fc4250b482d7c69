// mujun-bench import: the agency files into a fresh SQLite database, as `mujun import` does.
#include <chrono>
#include <filesystem>

#include "ingest/importer.h"
#include "measure.h"
#include "steps.h"
#include "store/store.h"

namespace mujun::bench {

int step_import(const std::string& db, const std::vector<std::string>& files, int year) {
  for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(db + ext);
  Stopwatch w;
  auto store = store::open_sqlite(db);
  store->migrate();
  ingest::ImportOptions o;
  o.year = year;
  auto reports = ingest::import_files(*store, files, o);
  store.reset();  // closes the database (WAL checkpoint) inside the timed part
  const double s = w.wall(), c = w.cpu();
  long total = 0, accepted = 0, rejected = 0, warnings = 0;
  for (const auto& r : reports) {
    total += r.rows_total;
    accepted += r.rows_accepted;
    rejected += r.rows_rejected;
    warnings += static_cast<long>(r.warnings.size());
    for (std::size_t k = 0; k < r.errors.size() && k < 3; ++k)
      std::fprintf(stderr, "  %s: %s\n", r.file.c_str(), r.errors[k].message.c_str());
  }
  const bool failed = ingest::import_failed(reports, false);
  report("import_sqlite", {s}, {c},
         fmt::format(R"(, "files": {}, "rows": {}, "accepted": {}, "rejected": {}, "warnings": {}, "written": {}, "rows_per_s": {:.0f}, "db_mib": {:.1f})",
                     files.size(), total, accepted, rejected, warnings, failed ? "false" : "true", total / s,
                     std::filesystem::exists(db) ? std::filesystem::file_size(db) / 1048576.0 : 0.0));
  return failed ? 1 : 0;
}

}  // namespace mujun::bench
