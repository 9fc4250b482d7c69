// Google Benchmark kernels of the table readers on the files scripts/bench generates: the directory
// is given by the environment variable MUJUN_BENCH_DATA (a data/<N> folder holding csv/ and xlsx/;
// the kernels report an error and are skipped when it is unset). Bytes/s count the file's bytes as
// stored (for XLSX the compressed package; mujun-bench read reports MB/s of the sheet XML).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "ingest/readers/table_reader.h"

namespace {
using namespace mujun;

std::string data_file(const char* name) {
  const char* dir = std::getenv("MUJUN_BENCH_DATA");
  if (!dir) return {};
  std::string p = std::string(dir) + "/" + name;
  return std::filesystem::exists(p) ? p : std::string();
}

void read_all(benchmark::State& state, const std::string& path) {
  if (path.empty()) {
    state.SkipWithError("MUJUN_BENCH_DATA 未设置或文件不存在 / MUJUN_BENCH_DATA unset or file missing");
    return;
  }
  long rows = 0;
  for (auto _ : state) {
    auto t = readers::open_table(path);
    readers::Row row;
    rows = 0;
    while (t->next(row)) ++rows;
    benchmark::DoNotOptimize(rows);
  }
  state.SetItemsProcessed(state.iterations() * rows);
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(std::filesystem::file_size(path)));
}

/// 税务局 tax file: GBK CSV, decoded to UTF-8 (gb18030 via iconv) and parsed.
void BM_ReadCsvGbk(benchmark::State& state) { read_all(state, data_file("csv/tax-2024.csv")); }
BENCHMARK(BM_ReadCsvGbk)->Unit(benchmark::kMillisecond)->UseRealTime();

/// 统计局 statistics file: UTF-8 CSV.
void BM_ReadCsvUtf8(benchmark::State& state) { read_all(state, data_file("csv/statistics-2024.csv")); }
BENCHMARK(BM_ReadCsvUtf8)->Unit(benchmark::kMillisecond)->UseRealTime();

/// 统计局 statistics file as XLSX (bytes/s here are of the compressed file).
void BM_ReadXlsx(benchmark::State& state) { read_all(state, data_file("xlsx/statistics-2024.xlsx")); }
BENCHMARK(BM_ReadXlsx)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
