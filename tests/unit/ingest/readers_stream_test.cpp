// Streaming: a 200,000-row sheet written by libxlsxwriter (constant-memory mode) into a temp dir
// is read row by row; the row count and a checksum are exact and the peak resident memory
// (VmHWM of /proc/self/status, reset before reading) grows by less than 16 MiB while reading.
// The sheet XML is about 28 MB uncompressed (printed and checked), so a reader that held the sheet's XML or its parsed
// cells (600,000 Cells of ≥ 88 bytes) would fail. A 200,000-row CSV (5 MB) is checked the same
// way; the measured growth is printed ("[readers] … VmHWM growth … KiB").
#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include <malloc.h>

#include <chrono>
#include <fstream>

#include "readers_test_util.h"

namespace mujun::readers {
namespace {

// Returns free heap to the system (so memory freed by earlier tests cannot be reused unseen) and
// resets the peak (VmHWM) to the current RSS (Linux ≥ 4.0: "5" to /proc/self/clear_refs), so that
// the writing phase before does not hide the reader's peak.
void reset_peak() {
  malloc_trim(0);
  std::ofstream("/proc/self/clear_refs") << "5";
}

long vm_hwm_kib() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

// AddressSanitizer keeps freed memory in quarantine (256 MiB by default), so peak RSS says nothing
// about the reader there: the debug preset checks rows and sums, the release build the bound.
#ifdef __SANITIZE_ADDRESS__
constexpr bool kMeasureRss = false;
#else
constexpr bool kMeasureRss = true;
#endif

constexpr long kRows = 200'000;
constexpr long kBoundKiB = 16 * 1024;

TEST(ReadersStream, TwoHundredThousandRowXlsxInBoundedMemory) {
  test::TempDir dir("mujun-readers-stream");
  auto path = dir.path / "big.xlsx";
  {
    lxw_workbook_options opt{};
    opt.constant_memory = LXW_TRUE;
    std::string tmp = dir.path.string();
    opt.tmpdir = tmp.data();
    lxw_workbook* wb = workbook_new_opt(path.c_str(), &opt);
    lxw_worksheet* ws = workbook_add_worksheet(wb, "规上企业");
    worksheet_write_string(ws, 0, 0, "企业名称", nullptr);
    worksheet_write_string(ws, 0, 1, "税收（万元）", nullptr);
    worksheet_write_string(ws, 0, 2, "用地面积（亩）", nullptr);
    for (lxw_row_t r = 1; r < kRows; ++r) {
      std::string name = "企业" + std::to_string(r);
      worksheet_write_string(ws, r, 0, name.c_str(), nullptr);
      worksheet_write_number(ws, r, 1, r * 0.5, nullptr);
      worksheet_write_number(ws, r, 2, 3, nullptr);
    }
    ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  }
  // the premise: the sheet's XML is larger than the bound, so holding it would fail the test
  zip_stat_t st;
  {
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
    ASSERT_NE(z, nullptr);
    ASSERT_EQ(zip_stat(z, "xl/worksheets/sheet1.xml", 0, &st), 0);
    zip_discard(z);
  }
  std::printf("[readers] sheet1.xml: %llu bytes uncompressed\n", static_cast<unsigned long long>(st.size));
  EXPECT_GT(st.size, static_cast<zip_uint64_t>(kBoundKiB) * 1024);
  const auto t0 = std::chrono::steady_clock::now();
  reset_peak();
  const long before = vm_hwm_kib();
  ASSERT_GT(before, 0);
  auto t = open_table(path);
  t->open_sheet(0);
  Row row;
  long rows = 0;
  double tax = 0;
  std::string last_name;
  while (t->next(row)) {
    ++rows;
    if (row.number > 1) {
      tax += row.at(1).number;
      last_name = row.at(0).text;
    }
  }
  const long growth = vm_hwm_kib() - before;
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  RecordProperty("rss_growth_kib", std::to_string(growth));
  std::printf("[readers] %ld rows in %.2f s, VmHWM growth %ld KiB (bound %ld KiB)\n", rows, secs, growth, kBoundKiB);
  EXPECT_EQ(rows, kRows);
  EXPECT_EQ(row.number, kRows);
  // Σ r·0.5 for r = 1 … 199,999 = 0.5 · 199,999 · 200,000 / 2 = 9,999,950,000
  EXPECT_DOUBLE_EQ(tax, 9'999'950'000.0);
  EXPECT_EQ(last_name, "企业199999");
  if (kMeasureRss) EXPECT_LT(growth, kBoundKiB);
}

TEST(ReadersStream, TwoHundredThousandRowCsvInBoundedMemory) {
  test::TempDir dir("mujun-readers-stream-csv");
  auto path = dir.path / "big.csv";
  {
    std::ofstream out(path, std::ios::binary);
    out << "纳税人识别号,税收（万元）\n";
    for (long r = 1; r < kRows; ++r) out << "91500110" << r << ",\"" << r << "\"\r\n";
  }
  reset_peak();
  const long before = vm_hwm_kib();
  auto t = open_table(path);
  Row row;
  long rows = 0;
  long sum = 0;
  while (t->next(row)) {
    ++rows;
    if (row.number > 1) sum += std::stol(row.at(1).text);
  }
  const long growth = vm_hwm_kib() - before;
  std::printf("[readers] csv %ld rows, VmHWM growth %ld KiB\n", rows, growth);
  EXPECT_EQ(rows, kRows);
  EXPECT_EQ(sum, 199'999L * 200'000L / 2);  // Σ r for r = 1 … 199,999
  if (kMeasureRss) EXPECT_LT(growth, kBoundKiB);
}

}  // namespace
}  // namespace mujun::readers
