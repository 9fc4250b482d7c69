#include "ingest/readers/merge_scan.h"

#include <fmt/format.h>

#include <cstring>

#include "ingest/readers/xml_stream.h"

namespace mujun::readers {

bool parse_range(std::string_view ref, MergeRange& out) {
  auto colon = ref.find(':');
  std::string_view a = ref.substr(0, colon);
  std::string_view b = colon == std::string_view::npos ? a : ref.substr(colon + 1);
  int c1, c2;
  long r1, r2;
  if (!parse_cell_ref(a, c1, r1) || !parse_cell_ref(b, c2, r2) || r1 < 1 || r2 < 1) return false;
  out = {std::min(r1, r2), std::max(r1, r2), std::min(c1, c2), std::max(c1, c2)};
  return true;
}

namespace {

constexpr std::size_t kMaxTail = 64u << 20;

/// Position just after the end of sheetData in `buf` (a closing tag "</[p:]sheetData>" or a
/// self-closing "<[p:]sheetData/>"), or npos.
std::size_t find_sheet_data_end(std::string_view buf) {
  for (std::size_t pos = buf.find("sheetData"); pos != std::string_view::npos;
       pos = buf.find("sheetData", pos + 1)) {
    std::size_t after = pos + 9;
    // walk back over an optional prefix to the '<'
    std::size_t lt = pos;
    while (lt > 0 && buf[lt - 1] != '<' && buf[lt - 1] != '>' && buf[lt - 1] != ' ' &&
           buf[lt - 1] != '"')
      --lt;
    if (lt == 0 || buf[lt - 1] != '<') continue;
    bool closing = buf[lt] == '/';
    std::size_t gt = buf.find('>', after);
    if (gt == std::string_view::npos) return std::string_view::npos;  // need more bytes
    bool self_closing = gt > 0 && buf[gt - 1] == '/';
    if (closing || self_closing) return gt + 1;
  }
  return std::string_view::npos;
}

class MergeHandler : public XmlHandler {
 public:
  void start(std::string_view name, const char** attrs) override {
    if (name != "mergeCell") return;
    const char* ref = attr(attrs, "ref");
    MergeRange m;
    if (ref && parse_range(ref, m)) merges.push_back(m);
  }
  void end(std::string_view) override {}
  void text(std::string_view) override {}
  std::vector<MergeRange> merges;
};

}  // namespace

std::vector<MergeRange> scan_merges(ZipArchive& archive, const std::string& part) {
  auto in = archive.open(part);
  std::vector<char> chunk(64 * 1024);
  std::string window;  // unmatched bytes carried between chunks (a tag may straddle them)
  std::string tail;
  bool found = false;
  for (;;) {
    std::size_t got = in->read(chunk.data(), chunk.size());
    if (got == 0) break;
    if (found) {
      tail.append(chunk.data(), got);
      if (tail.size() > kMaxTail)
        throw ReaderError("reader.too_large", archive.file(), part,
                          fmt::format("文件 {} 的部件 {} 在数据之后还有超过 64 MiB 的内容，文件异常，已拒绝读取。 / "
                                      "Part {} of {} has more than 64 MiB after its cell data: refused.",
                                      archive.file(), part, part, archive.file()));
      continue;
    }
    window.append(chunk.data(), got);
    std::size_t end = find_sheet_data_end(window);
    if (end != std::string::npos) {
      found = true;
      tail = window.substr(end);
      window.clear();
    } else if (window.size() > 256) {
      window.erase(0, window.size() - 256);  // keep enough for a prefixed tag split across chunks
    }
  }
  if (!found) return {};
  // The tail ends with the worksheet's closing tag, whose start tag is not in it: cut it off and
  // parse the rest inside a wrapper element (prefixes need no declaration without namespaces).
  auto last = tail.rfind("</");
  if (last != std::string::npos) tail.resize(last);
  MergeHandler h;
  XmlStream xml(h, archive.file(), part);
  static const char kOpen[] = "<tail>", kClose[] = "</tail>";
  xml.feed(kOpen, std::strlen(kOpen), false);
  xml.feed(tail.data(), tail.size(), false);
  xml.feed(kClose, std::strlen(kClose), true);
  return std::move(h.merges);
}

}  // namespace mujun::readers
