#include "xlsx_parts.h"

#include <zip.h>

#include <array>
#include <stdexcept>

namespace mujun::fuzz {

std::vector<std::pair<std::string, std::string>> split_parts(std::string_view input) {
  static constexpr std::array<const char*, 5> kNames{"xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                                     "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
                                                     "xl/styles.xml"};
  std::vector<std::pair<std::string, std::string>> parts{
      {"[Content_Types].xml",
       "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
      {"_rels/.rels",
       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
       "Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
       "Target=\"xl/workbook.xml\"/></Relationships>"}};
  for (std::size_t k = 0; k < kNames.size() && !input.empty(); ++k) {
    std::size_t cut = input.find(kPartSeparator);
    parts.emplace_back(kNames[k], std::string(input.substr(0, cut)));
    input = cut == std::string_view::npos ? std::string_view{} : input.substr(cut + kPartSeparator.size());
  }
  return parts;
}

void write_package(const std::string& path, const std::vector<std::pair<std::string, std::string>>& parts) {
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (!z) throw std::runtime_error("fuzz: zip_open failed");
  for (const auto& [name, bytes] : parts) {
    zip_source_t* src = zip_source_buffer(z, bytes.data(), bytes.size(), 0);
    zip_int64_t idx = src ? zip_file_add(z, name.c_str(), src, ZIP_FL_ENC_UTF_8) : -1;
    if (idx < 0) {
      zip_source_free(src);
      zip_discard(z);
      throw std::runtime_error("fuzz: zip_file_add failed");
    }
    zip_set_file_compression(z, static_cast<zip_uint64_t>(idx), ZIP_CM_STORE, 0);
  }
  if (zip_close(z) != 0) {
    zip_discard(z);
    throw std::runtime_error("fuzz: zip_close failed");
  }
}

}  // namespace mujun::fuzz
