// mujun-bench read: streaming read of one agency file through readers::open_table.
#include <zip.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "ingest/readers/table_reader.h"
#include "measure.h"
#include "steps.h"

namespace mujun::bench {
namespace {

/// Total uncompressed size of the worksheet parts (xl/worksheets/*.xml) of an XLSX package.
std::uint64_t sheet_xml_bytes(const std::string& file) {
  int err = 0;
  zip_t* z = zip_open(file.c_str(), ZIP_RDONLY, &err);
  if (!z) return 0;
  std::uint64_t total = 0;
  const zip_int64_t n = zip_get_num_entries(z, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    zip_stat_t st;
    if (zip_stat_index(z, static_cast<zip_uint64_t>(i), 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME)) continue;
    std::string name = st.name;
    if (name.starts_with("xl/worksheets/") && name.ends_with(".xml")) total += st.size;
  }
  zip_close(z);
  return total;
}

}  // namespace

int step_read(const std::string& file, int repeat, int sum_col) {
  std::vector<double> runs, cpu;
  long rows = 0, cells = 0;
  double sum = 0;
  std::string format, encoding;
  for (int r = 0; r < repeat; ++r) {
    Stopwatch w;
    auto t = readers::open_table(file);
    rows = cells = 0;
    sum = 0;
    readers::Row row;
    for (const auto& s : t->sheets()) {
      if (s.hidden) continue;
      t->open_sheet(s.index);
      bool header = true;
      while (t->next(row)) {
        if (header) { header = false; continue; }  // the generated files have a one-row header
        ++rows;
        cells += static_cast<long>(row.cells.size());
        const auto& c = row.at(static_cast<std::size_t>(sum_col));
        if (c.kind == readers::CellKind::Number) sum += c.number;
        else if (c.kind == readers::CellKind::Text) sum += std::strtod(c.text.c_str(), nullptr);
      }
    }
    format = t->format() == readers::TableFormat::Xlsx ? "xlsx" : "csv";
    encoding = t->encoding();
    runs.push_back(w.wall());
    cpu.push_back(w.cpu());
  }
  const std::uint64_t bytes = format == "xlsx" ? sheet_xml_bytes(file) : std::filesystem::file_size(file);
  const double s = median(runs);
  report("read_" + format, runs, cpu,
         fmt::format(R"(, "file": "{}", "encoding": "{}", "rows": {}, "cells": {}, "sum_col": {}, "sum": {:.2f}, "bytes": {}, "mb_per_s": {:.1f}, "rows_per_s": {:.0f})",
                     std::filesystem::path(file).filename().string(), encoding, rows, cells, sum_col, sum, bytes,
                     bytes / 1e6 / s, rows / s));
  return 0;
}

}  // namespace mujun::bench
