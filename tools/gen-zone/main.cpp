// gen-zone — the example zone's seeded generator and the province-scale benchmark generator.
//
//   gen-zone --out DIR [--seed N] [--verify]       the calibrated example zone (examples/wansheng-2024/)
//   gen-zone --verify [--seed N]                   print the calibration figures only
//   gen-zone --enterprises N [--townships 200] [--format csv|xlsx] --out DIR [--seed N]
//                                                  a province-scale synthetic set (streams; not calibrated)
//
// Deterministic: std::mt19937_64 with our own draws (rng.h), integer money, fixed XLSX document dates.
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>

#include "province.h"
#include "zone_files.h"
#include "zone_model.h"

namespace {

int usage(const char* msg) {
  if (msg && *msg) std::fprintf(stderr, "gen-zone: %s\n", msg);
  std::fputs(
      "用法 / usage:\n"
      "  gen-zone --out DIR [--seed N] [--verify]\n"
      "      写出示例开发区（万盛经开区，合成数据，已校准）/ write the calibrated example zone\n"
      "  gen-zone --verify [--seed N]\n"
      "      只打印校准数字 / print the calibration figures only\n"
      "  gen-zone --enterprises N [--townships 200] [--format csv|xlsx] --out DIR [--seed N]\n"
      "      省级规模基准数据（流式写出，未校准）/ province-scale benchmark data (streamed, not calibrated)\n",
      stderr);
  return 2;
}

bool to_int(const char* s, int64_t& v) {
  auto r = std::from_chars(s, s + std::strlen(s), v);
  return r.ec == std::errc() && *r.ptr == '\0' && v >= 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string out, format = "csv";
  int64_t seed = 20240101, enterprises = -1, townships = 200;
  bool verify = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](const char* name) -> const char* {
      if (i + 1 >= argc) return nullptr;
      (void)name;
      return argv[++i];
    };
    const char* v = nullptr;
    if (a == "--help" || a == "-h") return usage(nullptr), 0;
    else if (a == "--verify") verify = true;
    else if (a == "--out") { if (!(v = value("--out"))) return usage("--out 需要目录 / needs a directory"); out = v; }
    else if (a == "--seed") { if (!(v = value("--seed")) || !to_int(v, seed)) return usage("--seed 需要非负整数 / needs an integer ≥ 0"); }
    else if (a == "--enterprises") { if (!(v = value("--enterprises")) || !to_int(v, enterprises) || enterprises == 0) return usage("--enterprises 需要正整数 / needs an integer > 0"); }
    else if (a == "--townships") { if (!(v = value("--townships")) || !to_int(v, townships) || townships == 0 || townships > 1000) return usage("--townships 需要 1–1000 / needs 1–1000"); }
    else if (a == "--format") { if (!(v = value("--format"))) return usage("--format 需要 csv 或 xlsx / needs csv or xlsx"); format = v; if (format != "csv" && format != "xlsx") return usage("--format 只能是 csv 或 xlsx / must be csv or xlsx"); }
    else return usage(("未知选项 / unknown option: " + a).c_str());
  }
  try {
    if (!out.empty()) std::filesystem::create_directories(out);
    if (enterprises > 0) {
      if (out.empty()) return usage("省级模式需要 --out / province mode needs --out");
      genzone::ProvinceOptions p;
      p.seed = static_cast<uint64_t>(seed);
      p.enterprises = enterprises;
      p.townships = static_cast<int>(townships);
      p.xlsx = format == "xlsx";
      p.out = out;
      auto t0 = std::chrono::steady_clock::now();
      int64_t parcels = genzone::write_province(p);
      double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      std::printf("已写出 / wrote %lld enterprises, %lld parcels (%s) to %s in %.1f s\n", static_cast<long long>(enterprises),
                  static_cast<long long>(parcels), format.c_str(), out.c_str(), s);
      return 0;
    }
    if (out.empty() && !verify) return usage("需要 --out 或 --verify / needs --out or --verify");
    genzone::Zone zone = genzone::build_zone(static_cast<uint64_t>(seed));
    std::string report = genzone::calibration_report(zone);
    if (!out.empty()) {
      auto flaws = genzone::write_zone_files(zone, out);
      std::ofstream(out + "/calibration.txt", std::ios::binary) << report;
      std::fprintf(stderr, "已写出示例开发区 / wrote the example zone to %s (%zu enterprises, %zu flaws listed in FLAWS.md)\n",
                   out.c_str(), zone.firms.size(), flaws.size());
    }
    if (verify) std::fputs(report.c_str(), stdout);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gen-zone: 失败 / failed: %s\n", e.what());
    return 1;
  }
}
