// mujun — SHA-256 (libsodium crypto_hash_sha256), used for import batch file hashes, scheme text
// hashes and snapshot hashes (DESIGN.md principle 3, "Reproducible results").
#pragma once
#include <string>
#include <string_view>

namespace mujun {

/// Lower-case hex SHA-256 of `bytes` (64 characters).
std::string sha256_hex(std::string_view bytes);

/// Incremental SHA-256 for large inputs (files streamed in chunks).
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view bytes);
  /// Finishes and returns the lower-case hex digest; the object must not be updated afterwards.
  std::string hex();

 private:
  alignas(64) unsigned char state_[256];
};

/// SHA-256 of a file's bytes; throws std::runtime_error (Chinese-first message) when unreadable.
std::string sha256_file(const std::string& path);

}  // namespace mujun
