// mujun service — errors shared by the use cases (service/*.h). Every `what()` is Chinese first.
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

namespace mujun::service {

/// The database lacks a year a use case needs. `needed` is the missing year (the requested year, or
/// year − 1 when `previous` is set: an evaluation scheme benchmarked on the previous year's mean);
/// `years` lists the years present. Callers word the message (the CLI names its --db file).
struct MissingYear : std::runtime_error {
  int needed = 0;
  bool previous = false;
  std::string scheme_id;  ///< set when `previous`
  std::vector<int> years;
  MissingYear(int needed_, bool previous_, std::string scheme_id_, std::vector<int> years_);
};

/// A rule or configuration file could not be read (missing, unreadable); `path` names it.
struct UnreadableFile : std::runtime_error {
  std::string path;
  explicit UnreadableFile(const std::string& p);
};

}  // namespace mujun::service
