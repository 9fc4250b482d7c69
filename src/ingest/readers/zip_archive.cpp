#include "ingest/readers/zip_archive.h"

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <system_error>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <zip.h>

namespace mujun::readers {

std::string normalise_part_name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (char c : name) {
    if (c == '\\') c = '/';
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    out.push_back(c);
  }
  std::size_t lead = out.find_first_not_of('/');
  return lead == std::string::npos ? std::string{} : out.substr(lead);
}

namespace {

[[noreturn]] void damaged(const std::string& file, const std::string& part, const std::string& why) {
  throw ReaderError(
      "reader.zip", file, part,
      fmt::format("文件 {} 不是完整的 XLSX（zip）文件{}：{}。请在 Excel/WPS 中重新打开并另存为 .xlsx，"
                  "或重新导出/下载该文件。 / {} is not a complete XLSX (zip) file{}: {}. Re-save it "
                  "as .xlsx in Excel/WPS, or export/download it again.",
                  file, part.empty() ? "" : "（部件 " + part + "）", why, file,
                  part.empty() ? "" : " (part " + part + ")", why));
}

}  // namespace

ZipArchive::ZipArchive(std::string file, const ReaderLimits& limits)
    : file_(std::move(file)), limits_(limits) {
  int err = 0;
  // No ZIP_CHECKCONS: its strict local-vs-central header comparison refuses valid zip64 packages
  // written by libxlsxwriter (use_zip64) that Excel, orcus and openpyxl read; damage is still caught
  // by the CRC and size checks while inflating.
  zip_ = zip_open(file_.c_str(), ZIP_RDONLY, &err);
  if (!zip_) {
    zip_error_t ze;
    zip_error_init_with_code(&ze, err);
    std::string why = zip_error_strerror(&ze);
    zip_error_fini(&ze);
    damaged(file_, "", why);
  }
  zip_int64_t n = zip_get_num_entries(zip_, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    const char* raw = zip_get_name(zip_, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_GUESS);
    if (!raw) continue;
    std::string name = normalise_part_name(raw);
    if (name.empty() || name.back() == '/') continue;  // directory entries
    if (!index_.emplace(name, static_cast<std::uint64_t>(i)).second) {
      zip_discard(zip_);
      zip_ = nullptr;
      damaged(file_, name, "同名部件出现两次，内容有歧义 (two entries with the same part name)");
    }
  }
}

ZipArchive::~ZipArchive() {
  if (zip_) zip_discard(zip_);
}

bool ZipArchive::has(std::string_view part) const {
  return index_.count(normalise_part_name(part)) != 0;
}

void ZipArchive::count(std::uint64_t n, const std::string& part) {
  inflated_ += n;
  if (inflated_ > limits_.max_uncompressed_bytes)
    throw ReaderError(
        "reader.too_large", file_, part,
        fmt::format("文件 {} 解压后超过 {} 字节的上限（部件 {}），疑似“zip 炸弹”或超大文件，已停止读取。"
                    "请拆分文件，或由管理员调高 max_uncompressed_bytes。 / {} inflates beyond the "
                    "limit of {} bytes (part {}): a zip bomb or an oversized file. Split it, or ask "
                    "an administrator to raise max_uncompressed_bytes.",
                    file_, limits_.max_uncompressed_bytes, part, file_,
                    limits_.max_uncompressed_bytes, part));
}

std::unique_ptr<ZipEntryStream> ZipArchive::open(std::string_view part) {
  std::string name = normalise_part_name(part);
  auto it = index_.find(name);
  if (it == index_.end())
    throw ReaderError(
        "reader.package", file_, name,
        fmt::format("文件 {} 缺少部件 {}，不是完整的 Excel 工作簿。请在 Excel/WPS 中打开后另存为 .xlsx。"
                    " / {} lacks the part {}: not a complete Excel workbook. Open it in Excel/WPS "
                    "and save it as .xlsx.",
                    file_, name, file_, name));
  std::lock_guard<std::mutex> hold(io_);
  return std::make_unique<ZipEntryStream>(*this, it->second, name);
}

struct ZipEntryStream::ReadAhead {
  std::mutex lock;
  std::condition_variable changed;
  std::deque<std::vector<char>> full;  // inflated chunks, in order
  std::vector<std::vector<char>> spare;
  std::vector<char> current;           // the chunk being handed out by read()
  std::size_t at = 0;
  bool end = false, stop = false;
  std::exception_ptr error;
  std::thread worker;
};

ZipEntryStream::ZipEntryStream(ZipArchive& archive, std::uint64_t index, std::string part)
    : archive_(archive), part_(std::move(part)) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(archive_.zip_, index, 0, &st) != 0) damaged(archive_.file_, part_, "无法读取目录项");
  if (st.valid & ZIP_STAT_ENCRYPTION_METHOD && st.encryption_method != ZIP_EM_NONE)
    damaged(archive_.file_, part_, "文件已加密，请先在 Excel/WPS 中取消密码 (encrypted: remove the password first)");
  declared_ = (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
  const auto& lim = archive_.limits_;
  if ((st.valid & ZIP_STAT_COMP_SIZE) && declared_ > lim.ratio_floor_bytes) {
    double ratio = st.comp_size ? static_cast<double>(declared_) / static_cast<double>(st.comp_size)
                                : static_cast<double>(declared_);
    if (ratio > lim.max_compression_ratio)
      throw ReaderError(
          "reader.zip_bomb", archive_.file_, part_,
          fmt::format("文件 {} 的部件 {} 压缩比为 {:.0f}:1，超过上限 {:.0f}:1，疑似“zip 炸弹”，已拒绝读取。"
                      "如确为正常文件，请由管理员调高 max_compression_ratio。 / Part {} of {} has a "
                      "compression ratio of {:.0f}:1, above the limit of {:.0f}:1 (zip bomb?); refused. "
                      "If the file is genuine, ask an administrator to raise max_compression_ratio.",
                      archive_.file_, part_, ratio, lim.max_compression_ratio, part_,
                      archive_.file_, ratio, lim.max_compression_ratio));
  }
  file_ = zip_fopen_index(archive_.zip_, index, 0);
  if (!file_) damaged(archive_.file_, part_, zip_strerror(archive_.zip_));
  if (declared_ >= kReadAheadBytes) {
    ahead_ = std::make_unique<ReadAhead>();
    ahead_->spare.resize(kReadAheadChunks);
    try {
      ahead_->worker = std::thread([this] { read_ahead_loop(); });
    } catch (const std::system_error&) {  // no thread to be had (a process at its limit): read directly
      ahead_.reset();
    }
  }
}

ZipEntryStream::~ZipEntryStream() {
  if (ahead_) {
    {
      std::lock_guard<std::mutex> hold(ahead_->lock);
      ahead_->stop = true;
    }
    ahead_->changed.notify_all();
    ahead_->worker.join();
  }
  std::lock_guard<std::mutex> hold(archive_.io_);
  if (file_) zip_fclose(file_);
}

void ZipEntryStream::read_ahead_loop() {
  ReadAhead& a = *ahead_;
  for (;;) {
    std::vector<char> chunk;
    {
      std::unique_lock<std::mutex> hold(a.lock);
      a.changed.wait(hold, [&] { return a.stop || !a.spare.empty(); });
      if (a.stop) return;
      chunk = std::move(a.spare.back());
      a.spare.pop_back();
    }
    std::size_t got = 0;
    std::exception_ptr error;
    try {
      chunk.resize(kReadAheadChunkBytes);
      std::lock_guard<std::mutex> io(archive_.io_);
      got = read_direct(chunk.data(), chunk.size());
    } catch (...) {
      error = std::current_exception();
    }
    {
      std::lock_guard<std::mutex> hold(a.lock);
      if (error) a.error = error;
      else if (got == 0) a.end = true;
      else {
        chunk.resize(got);
        a.full.push_back(std::move(chunk));
      }
    }
    a.changed.notify_all();
    if (error || got == 0) return;
  }
}

std::size_t ZipEntryStream::read(char* buf, std::size_t n) {
  if (!ahead_) {
    std::lock_guard<std::mutex> io(archive_.io_);
    return read_direct(buf, n);
  }
  ReadAhead& a = *ahead_;
  while (a.at == a.current.size()) {
    std::unique_lock<std::mutex> hold(a.lock);
    if (a.current.capacity()) {  // the chunk handed out goes back to the inflating thread
      a.spare.push_back(std::move(a.current));
      a.current = {};
      a.at = 0;
      a.changed.notify_all();
    }
    a.changed.wait(hold, [&] { return !a.full.empty() || a.error || a.end; });
    if (!a.full.empty()) {
      a.current = std::move(a.full.front());
      a.full.pop_front();
      a.at = 0;
    } else if (a.error) {
      std::rethrow_exception(a.error);
    } else {
      return 0;
    }
  }
  const std::size_t k = std::min(n, a.current.size() - a.at);
  std::memcpy(buf, a.current.data() + a.at, k);
  a.at += k;
  return k;
}

std::size_t ZipEntryStream::read_direct(char* buf, std::size_t n) {
  zip_int64_t got = zip_fread(file_, buf, n);
  if (got < 0) damaged(archive_.file_, part_, zip_file_strerror(file_));
  auto g = static_cast<std::uint64_t>(got);
  produced_ += g;
  if (produced_ > declared_)
    damaged(archive_.file_, part_, "解压后的数据比目录中声明的长 (more data than the declared size)");
  archive_.count(g, part_);
  return static_cast<std::size_t>(got);
}

}  // namespace mujun::readers
