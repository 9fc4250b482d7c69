// mujun-bench stats: the yearly overview (statistics::compute_bulletin) of one snapshot.
#include <chrono>
#include <fstream>
#include <sstream>

#include "measure.h"
#include "statistics/bulletin.h"
#include "steps.h"
#include "store/store.h"

namespace mujun::bench {

int step_stats(const std::string& db, const std::string& taxonomy_path, int year, int repeat) {
  std::ifstream in(taxonomy_path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  auto parsed = statistics::parse_taxonomy(ss.str(), taxonomy_path);
  if (!parsed.taxonomy) {
    std::fprintf(stderr, "mujun-bench stats: 分类体系有误 / bad taxonomy %s\n", taxonomy_path.c_str());
    return 1;
  }
  statistics::StatsConfig config;
  statistics::read_stats_config(ss.str(), taxonomy_path, config);
  auto store = store::open_sqlite(db);
  Frame frame = store->snapshot(year);
  std::vector<double> runs, cpu;
  std::size_t figures = 0;
  for (int r = 0; r < repeat; ++r) {
    Stopwatch w;
    statistics::Bulletin b = statistics::compute_bulletin(frame, nullptr, *parsed.taxonomy, config);
    runs.push_back(w.wall());
    cpu.push_back(w.cpu());
    figures = b.figures.size();
  }
  report("stats_memory", runs, cpu, fmt::format(R"(, "enterprises": {}, "figures": {})", frame.size(), figures));
  return 0;
}

}  // namespace mujun::bench
