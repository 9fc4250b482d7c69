#include "service/evaluate.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "domain/sha256.h"
#include "evaluation/engine.h"
#include "evaluation/result_json.h"

namespace mujun::service {

namespace ev = evaluation;

SchemeReadError::SchemeReadError(const std::string& p)
    : std::runtime_error(fmt::format("无法读取评价办法文件 {}，请检查路径 / cannot read the scheme file {}", p, p)),
      path(p) {}

std::string read_scheme_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw SchemeReadError(path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

LoadedScheme load_scheme(const std::string& path) {
  LoadedScheme s;
  s.path = path;
  s.text = read_scheme_text(path);
  s.scheme = ev::parse_scheme(s.text, path);
  return s;
}

Evaluation evaluate_and_store(store::Store& store, int year, const std::string& scheme_path,
                              const std::function<void(const std::string&)>& warn) {
  return evaluate_and_store(store, year, load_scheme(scheme_path), warn);
}

Evaluation evaluate_and_store(store::Store& store, int year, const LoadedScheme& loaded,
                              const std::function<void(const std::string&)>& warn) {
  Evaluation out;
  const std::string& text = loaded.text;
  const std::string& scheme_path = loaded.path;
  out.scheme = loaded.scheme;
  const ev::Scheme& scheme = out.scheme;
  auto years = store.years();
  auto has_year = [&](int y) { return std::find(years.begin(), years.end(), y) != years.end(); };
  if (!has_year(year)) throw MissingYear(year, false, "", years);
  if (scheme.data_year != 0 && scheme.data_year != year && warn)
    warn(fmt::format("警告 / warning: 评价办法 {} 的常数属于 {} 年数据，现用于 {} 年 / the scheme's constants are for "
                     "data year {}, used for {}", scheme.id, scheme.data_year, year, scheme.data_year, year));
  out.frame = store.snapshot(year);
  Frame previous;
  std::string prev_hash;
  if (scheme.needs_previous_year()) {
    if (!has_year(year - 1)) throw MissingYear(year - 1, true, scheme.id, years);
    previous = store.snapshot(year - 1);
    prev_hash = frame_sha256(previous);
  }
  out.result = ev::evaluate(scheme, out.frame, scheme.needs_previous_year() ? &previous : nullptr);
  auto& p = out.provenance;
  p.scheme_path = scheme_path;
  p.scheme_text = text;
  p.scheme_sha256 = sha256_hex(text);
  p.snapshot_sha256 = frame_sha256(out.frame);
  p.previous_snapshot_sha256 = prev_hash;
  std::vector<std::pair<std::string, std::string>> prov{{"scheme_sha256", p.scheme_sha256},
                                                        {"snapshot_sha256", p.snapshot_sha256}};
  if (!prev_hash.empty()) prov.emplace_back("previous_snapshot_sha256", prev_hash);
  out.json = ev::result_json(scheme, out.frame, out.result, prov);
  store::RunRecord run;
  run.kind = "evaluation";
  run.year = year;
  run.scheme_name = scheme.id;
  run.scheme_sha256 = p.scheme_sha256;
  run.snapshot_sha256 = p.snapshot_sha256;
  run.result_json = std::move(out.json);  // lent to the store, not copied (≈ 700 MB at 1,000,000 firms)
  p.run_id = out.run_id = store.save_run(run);
  out.json = std::move(run.result_json);
  return out;
}

}  // namespace mujun::service
