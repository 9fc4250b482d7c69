// Golden cases: tests/golden/<case>/ (README there). Expected values are hand-computed from the
// published formulas with exact fractions (compute_expected.py): 黄岩 2021/2022 data years
// (evaluation-methods.md §3.1, §6.1 worked case 119.453, 规下 example 77.020), 旌德 min–max (§3.2),
// 淮安 2024 2 × previous-year mean (§3.1).
#include <gtest/gtest.h>
#include <toml++/toml.h>

#include <cmath>
#include <filesystem>

#include "evaluation/engine.h"
#include "support.h"

namespace mujun::evaluation {
namespace {
using namespace test;
namespace fs = std::filesystem;

const std::string kGolden = std::string(MUJUN_TEST_DIR) + "/golden";

int run_case(const std::string& dir) {
  SCOPED_TRACE("golden case " + dir);
  auto cfg = toml::parse_file(dir + "/case.toml");
  const int year = static_cast<int>(cfg["year"].value_or(0));
  Scheme s = load_scheme(std::string(MUJUN_SOURCE_ROOT) + "/" + cfg["scheme"].value_or(std::string()));
  Frame f = frame_from_csv(dir + "/input.csv", year);
  Frame prev;
  const Frame* prev_ptr = nullptr;
  if (auto p = cfg["previous"].value<std::string>()) {
    prev = frame_from_csv(dir + "/" + *p, year - 1);
    prev_ptr = &prev;
  }
  EvaluationResult r = evaluate(s, f, prev_ptr);
  Csv exp = read_csv(dir + "/expected.csv");
  int checked = 0;
  for (const auto& row : exp.rows) {
    const std::string& uscc = row[0];
    std::size_t i = 0;
    while (i < f.size() && f.uscc[i] != uscc) ++i;
    EXPECT_LT(i, f.size()) << uscc;
    if (i == f.size()) continue;
    SCOPED_TRACE(uscc);
    for (std::size_t k = 1; k < exp.header.size() && k < row.size(); ++k) {
      const std::string& h = exp.header[k];
      const std::string& want = row[k];
      if (h == "cohort") {
        EXPECT_EQ(r.cohort[i] < 0 ? std::string() : s.cohorts[r.cohort[i]].id, want);
        ++checked;
        continue;
      }
      if (want.empty()) continue;
      if (h == "class") EXPECT_EQ(std::string(1, r.klass[i]), want);
      else if (h == "rank") EXPECT_EQ(r.rank[i], std::stoi(want));
      else if (h == "total") EXPECT_NEAR(r.total[i], std::stod(want), 1e-9);
      else if (h.rfind("points:", 0) == 0) {
        int ind = s.indicator_index(h.substr(7));
        EXPECT_GE(ind, 0) << h;
        if (ind < 0) continue;
        EXPECT_NEAR(r.points[ind][i], std::stod(want), 1e-9) << h;
      }
      ++checked;
    }
  }
  return checked;
}

TEST(Golden, EveryCaseReproducesItsHandComputedResults) {
  int cases = 0;
  for (const auto& e : fs::directory_iterator(kGolden))
    if (e.is_directory() && fs::exists(e.path() / "case.toml")) {
      EXPECT_GT(run_case(e.path().string()), 10);
      ++cases;
    }
  EXPECT_GE(cases, 4);
}

// The §6.1 worked case alone, against the published rounded figure (黄岩 2022 data constants).
TEST(Golden, HuangyanWorkedCaseTotalIs119_453) {
  Scheme s = shipped_scheme("huangyan-2022.toml");
  Frame f = frame_from_csv(kGolden + "/huangyan-2022/input.csv", 2022);
  auto r = evaluate(s, f);
  EXPECT_NEAR(r.total[0], 119.453, 0.0005);
  EXPECT_NEAR(r.total[3], 77.020, 0.0005);  // 规下 example: 8.0/11.5932×50 + 0.2/0.2352×50
}

// 淮安: the benchmark is 2 × the 2023 pool's Σtax/Σland etc. (benchmarks.csv, hand-computed).
TEST(Golden, HuaianBenchmarkIsTwiceThePreviousYearMean) {
  const std::string dir = kGolden + "/huaian-2024";
  Scheme s = shipped_scheme("huaian-2024.toml");
  Frame f = frame_from_csv(dir + "/input.csv", 2024);
  Frame prev = frame_from_csv(dir + "/previous.csv", 2023);
  auto r = evaluate(s, f, &prev);
  Csv b = read_csv(dir + "/benchmarks.csv");
  ASSERT_EQ(b.rows.size(), 3u);
  for (const auto& row : b.rows) {
    int ind = s.indicator_index(row[0]);
    const auto& co = s.cohorts[0];
    std::size_t j = 0;
    while (j < co.indicators.size() && co.indicators[j] != ind) ++j;
    ASSERT_LT(j, co.indicators.size());
    EXPECT_NEAR(r.cohorts[0].benchmark[j], std::stod(row[1]), 1e-9) << row[0];
  }
  // 2 × (800+500+50+1000+120) / (30+60+6+24+9) = 2 × 2470 / 129 = 38.294573…
  EXPECT_NEAR(r.cohorts[0].benchmark[0], 2.0 * 2470 / 129, 1e-9);
  EXPECT_THROW(evaluate(s, f, nullptr), EvaluationError);
}

}  // namespace
}  // namespace mujun::evaluation
