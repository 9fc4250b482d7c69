// Targets xlsx_raw and csv: the input is the whole file.
#include "../fuzz_targets.h"
#include "../table_walk.h"
#include "../temp_file.h"

namespace mujun::fuzz {

int xlsx_raw(const std::uint8_t* data, std::size_t size) {
  walk_table(write_temp("input.xlsx", data, size));
  return 0;
}

int csv(const std::uint8_t* data, std::size_t size) {
  // open_table picks the reader by content: a zip/OLE2/HTML start is someone else's target.
  walk_table(write_temp("input.csv", data, size));
  return 0;
}

}  // namespace mujun::fuzz
