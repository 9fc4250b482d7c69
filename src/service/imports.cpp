#include "service/imports.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>

#include <fmt/format.h>

namespace mujun::service {

namespace fs = std::filesystem;

std::string safe_upload_name(const std::string& name) {
  std::string base = name;
  auto slash = base.find_last_of("/\\");
  if (slash != std::string::npos) base = base.substr(slash + 1);
  std::string out;
  for (unsigned char c : base)
    if (c >= 0x20 && c != 0x7f && c != ':' && c != '*' && c != '?' && c != '"' && c != '<' && c != '>' && c != '|')
      out += static_cast<char>(c);
  while (!out.empty() && (out.front() == '.' || out.front() == ' ')) out.erase(out.begin());
  if (out.empty() || out.size() > 200) return "";
  std::string ext = fs::path(out).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext != ".xlsx" && ext != ".xlsm" && ext != ".csv" && ext != ".txt") return "";
  return out;
}

namespace {

// A fresh private folder under the system temp folder; removed by the destructor.
struct TempDir {
  fs::path path;
  TempDir() {
    static std::atomic<unsigned long> counter{0};
    std::random_device rd;
    for (int attempt = 0; attempt < 10; ++attempt) {
      path = fs::temp_directory_path() / fmt::format("mujun-upload-{:x}-{}", rd(), counter++);
      std::error_code ec;
      if (fs::create_directory(path, ec)) {
        fs::permissions(path, fs::perms::owner_all, ec);
        return;
      }
    }
    throw std::runtime_error("无法创建临时文件夹 / cannot create a temporary folder");
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

}  // namespace

Upload import_upload(store::Store& store, const std::string& file_name, const std::string& bytes,
                     const ingest::ImportOptions& options) {
  const std::string name = safe_upload_name(file_name);
  if (name.empty())
    throw std::invalid_argument(fmt::format("文件名“{}”不可用：请上传 .xlsx 或 .csv 文件 / upload a .xlsx or .csv file",
                                            file_name));
  TempDir dir;
  fs::path p = dir.path / name;
  {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) throw std::runtime_error("无法写入临时文件 / cannot write the temporary file");
  }
  Upload u;
  ingest::ImportOptions opt = options;
  opt.rejected_row = [&u, &options](const std::string& file, const ingest::RejectedRow& row) {
    ++u.rejected_total;
    if (u.rejected.size() < kRejectedRowsKept) u.rejected.push_back(row);
    if (options.rejected_row) options.rejected_row(file, row);
  };
  u.reports = ingest::import_files(store, {p.string()}, opt);
  for (auto& r : u.reports) {
    if (r.file == p.string()) r.file = name;
    for (auto* list : {&r.errors, &r.warnings})
      for (auto& i : *list)
        if (i.file == p.string()) i.file = name;
    if (r.written) u.batch_ids.push_back(r.batch_id);
  }
  u.imported = !ingest::import_failed(u.reports, options.partial);
  return u;
}

nlohmann::json import_report_json(const std::vector<ingest::FileReport>& reports, bool partial) {
  auto issue_json = [](const Issue& i) {
    return nlohmann::json{{"sheet", i.sheet}, {"row", i.row}, {"column", i.column}, {"value", i.raw_value},
                          {"code", i.code}, {"message", i.message}};
  };
  nlohmann::json files = nlohmann::json::array();
  for (auto& r : reports) {
    nlohmann::json w = nlohmann::json::array(), e = nlohmann::json::array();
    for (auto& i : r.warnings) w.push_back(issue_json(i));
    for (auto& i : r.errors) e.push_back(issue_json(i));
    files.push_back({{"file", r.file},
                     {"sha256", r.sha256},
                     {"source", r.source},
                     {"year", r.year},
                     {"encoding", r.encoding},
                     {"rows_total", r.rows_total},
                     {"rows_accepted", r.rows_accepted},
                     {"rows_rejected", r.rows_rejected},
                     {"written", r.written},
                     {"batch_id", r.batch_id},
                     {"already_imported", r.already_imported},
                     {"previous_batch", r.previous_batch},
                     {"conversions", r.conversions},
                     {"unknown_columns", r.unknown_columns},
                     {"skipped_sheets", r.skipped_sheets},
                     {"warnings", w},
                     {"warnings_total", r.warnings_total},
                     {"rejects", e},
                     {"rejects_total", r.errors_total}});
  }
  return {{"files", files}, {"imported", !ingest::import_failed(reports, partial)}};
}

}  // namespace mujun::service
