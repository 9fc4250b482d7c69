// mujun — the schema history of the SQLite store. Each migration carries the SHA-256 of its SQL;
// a database whose recorded history differs (another checksum, an unknown version) is refused.
#pragma once
#include <span>
#include <string_view>

namespace mujun::store::sqlite {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

/// The shipped migrations in order (append only: never edit a released one, add a new version).
std::span<const Migration> migrations();

}  // namespace mujun::store::sqlite
