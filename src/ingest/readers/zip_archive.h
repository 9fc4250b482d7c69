// mujun — read-only access to the parts of a zip package (XLSX), with the zip-bomb limits.
//
// Part names are normalised the way OPC (ECMA-376 Part 2) asks readers to compare them: a
// leading "/" is dropped, "\" written by some Windows tools (case 16b-backslash-entries) is read
// as "/", and the comparison is ASCII case-insensitive. Two entries that normalise to the same
// name make the archive ambiguous and are refused.
#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "ingest/readers/error.h"

struct zip;
struct zip_file;

namespace mujun::readers {

/// Normalised part name: "/xl\\Workbook.xml" → "xl/workbook.xml".
std::string normalise_part_name(std::string_view name);

class ZipArchive;

/// A sequential reader of one entry's uncompressed bytes. Counts every byte against the
/// archive's total (ReaderLimits::max_uncompressed_bytes) and against the entry's declared size.
///
/// An entry that declares at least kReadAheadBytes (a province's worksheet: 480 MB of XML for
/// 1,000,000 rows) is inflated ahead by a thread of its own into at most kReadAheadChunks chunks of
/// kReadAheadChunkBytes, while the caller parses the chunk before: zlib's inflate and the parse then run
/// on two cores (docs/PERFORMANCE.md "XLSX reading"), memory stays bounded. The bytes, their order and
/// the errors are those of reading directly; an error is thrown by the read() that reaches it. When no
/// thread can be started (a process at its thread limit), the entry is read directly.
class ZipEntryStream {
 public:
  static constexpr std::uint64_t kReadAheadBytes = std::uint64_t{4} << 20;
  static constexpr std::size_t kReadAheadChunkBytes = std::size_t{1} << 20;
  static constexpr std::size_t kReadAheadChunks = 3;

  ZipEntryStream(ZipArchive& archive, std::uint64_t index, std::string part);
  ~ZipEntryStream();
  ZipEntryStream(const ZipEntryStream&) = delete;
  ZipEntryStream& operator=(const ZipEntryStream&) = delete;
  /// Up to `n` bytes into `buf`; 0 at the end of the entry. Throws ReaderError ("reader.zip" for
  /// damaged/truncated data or a CRC mismatch, "reader.zip_bomb" past the limits).
  std::size_t read(char* buf, std::size_t n);
  const std::string& part() const { return part_; }
  /// True when the entry is inflated ahead by a thread of its own (tests).
  bool reads_ahead() const { return ahead_ != nullptr; }

 private:
  struct ReadAhead;  // zip_archive.cpp
  /// zip_fread with the size and limit checks; the caller holds the archive's lock.
  std::size_t read_direct(char* buf, std::size_t n);
  void read_ahead_loop();
  ZipArchive& archive_;
  zip_file* file_ = nullptr;
  std::string part_;
  std::uint64_t declared_ = 0;
  std::uint64_t produced_ = 0;
  std::unique_ptr<ReadAhead> ahead_;
};

class ZipArchive {
 public:
  /// Opens the archive. Throws ReaderError("reader.zip") when it is not a readable zip
  /// (truncated, damaged central directory, encrypted), "reader.zip" for duplicate part names.
  ZipArchive(std::string file, const ReaderLimits& limits);
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  bool has(std::string_view part) const;
  /// Opens a part for streaming. Refuses ("reader.zip_bomb") an entry whose declared
  /// uncompressed/compressed ratio exceeds the limit. Throws "reader.package" when absent.
  std::unique_ptr<ZipEntryStream> open(std::string_view part);
  const std::string& file() const { return file_; }
  const ReaderLimits& limits() const { return limits_; }

 private:
  friend class ZipEntryStream;
  void count(std::uint64_t n, const std::string& part);  // total-bytes limit
  std::mutex io_;  // libzip's calls on this archive, from any stream's reading thread
  std::string file_;
  ReaderLimits limits_;
  zip* zip_ = nullptr;
  std::unordered_map<std::string, std::uint64_t> index_;  // normalised name → entry index
  std::uint64_t inflated_ = 0;
};

}  // namespace mujun::readers
