// Target xlsx_parts: the input is a workbook's XML parts (xlsx_parts.h), zipped, then read.
#include <string_view>

#include "../fuzz_targets.h"
#include "../table_walk.h"
#include "../temp_file.h"
#include "../xlsx_parts.h"

namespace mujun::fuzz {

int xlsx_parts(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  const std::string path = write_temp("parts.xlsx", nullptr, 0);
  write_package(path, split_parts(in));
  walk_table(path);
  return 0;
}

}  // namespace mujun::fuzz
