#include "service/errors.h"

#include <fmt/format.h>

namespace mujun::service {

MissingYear::MissingYear(int needed_, bool previous_, std::string scheme_id_, std::vector<int> years_)
    : std::runtime_error(fmt::format("数据库中没有 {} 年的数据 / no data for {} in the database", needed_, needed_)),
      needed(needed_), previous(previous_), scheme_id(std::move(scheme_id_)), years(std::move(years_)) {}

UnreadableFile::UnreadableFile(const std::string& p)
    : std::runtime_error(fmt::format("无法读取文件 {}：请检查路径 / cannot read {}", p, p)), path(p) {}

}  // namespace mujun::service
