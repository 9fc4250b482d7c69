// ZipEntryStream's read-ahead (zip_archive.h): an entry of ≥ 4 MiB is inflated by a thread of its own
// while the caller parses. Checked: the bytes are exactly the entry's, in any read size; small entries
// are read directly; a damaged entry (stored, one byte changed: CRC mismatch) and an entry past the
// inflate limit throw the same ReaderError as a direct read, after the good bytes; a stream closed
// half-way and two streams of one archive read alternately work.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "ingest/readers/zip_archive.h"
#include "readers_test_util.h"

namespace mujun::readers {
namespace {

/// 6,000,000 bytes that differ from one position to the next (a byte out of place shows).
std::string pattern(std::size_t n = 6'000'000) {
  std::string s(n, '\0');
  std::uint32_t x = 2463534242u;
  for (auto& c : s) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    c = static_cast<char>('a' + x % 26);
  }
  return s;
}

std::string read_all(ZipEntryStream& in, std::size_t step) {
  std::string out, buf(step, '\0');
  for (std::size_t got; (got = in.read(buf.data(), buf.size())) > 0;) out.append(buf.data(), got);
  return out;
}

TEST(ZipReadAhead, LargeEntriesAreReadAheadAndGiveExactlyTheirBytes) {
  test::TempDir dir("mujun-zip-ahead");
  const std::string big = pattern(), small = "<small/>";
  test::write_zip(dir.path / "a.zip", {{"big.xml", big}, {"small.xml", small}});
  ZipArchive zip((dir.path / "a.zip").string(), ReaderLimits{});
  for (std::size_t step : {std::size_t{7777}, std::size_t{65536}, std::size_t{3} << 20}) {
    auto in = zip.open("big.xml");
    EXPECT_TRUE(in->reads_ahead());
    EXPECT_EQ(read_all(*in, step), big) << step;
    EXPECT_EQ(in->read(nullptr, 0), 0u);  // at the end it stays at the end
  }
  auto s = zip.open("small.xml");
  EXPECT_FALSE(s->reads_ahead());
  EXPECT_EQ(read_all(*s, 4), small);
}

TEST(ZipReadAhead, ACorruptedEntryThrowsTheCrcErrorAfterItsBytes) {
  test::TempDir dir("mujun-zip-ahead-crc");
  const std::string big = pattern();
  const auto path = dir.path / "crc.zip";
  {  // stored, not deflated, so that one byte can be changed in place
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    ASSERT_NE(z, nullptr);
    zip_source_t* src = zip_source_buffer(z, big.data(), big.size(), 0);
    const zip_int64_t idx = zip_file_add(z, "big.xml", src, 0);
    zip_set_file_compression(z, static_cast<zip_uint64_t>(idx), ZIP_CM_STORE, 0);
    ASSERT_EQ(zip_close(z), 0);
  }
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  const std::size_t at = bytes.find(big.substr(3'000'000, 64));
  ASSERT_NE(at, std::string::npos);
  bytes[at] = bytes[at] == 'a' ? 'b' : 'a';
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;

  ZipArchive zip(path.string(), ReaderLimits{});
  auto in = zip.open("big.xml");
  ASSERT_TRUE(in->reads_ahead());
  std::string got, buf(100'000, '\0');
  try {
    for (std::size_t n; (n = in->read(buf.data(), buf.size())) > 0;) got.append(buf.data(), n);
    FAIL() << "no error for a CRC mismatch";
  } catch (const ReaderError& e) {
    EXPECT_EQ(e.code(), "reader.zip");
    EXPECT_NE(std::string(e.what()).find("不是完整的 XLSX"), std::string::npos) << e.what();
  }
  EXPECT_GE(got.size(), 3'000'000u);  // the bytes before the error were delivered
  EXPECT_EQ(got.substr(0, 3'000'000), big.substr(0, 3'000'000));
}

TEST(ZipReadAhead, TheInflateLimitStopsAReadAheadEntry) {
  test::TempDir dir("mujun-zip-ahead-limit");
  const std::string big = pattern();
  test::write_zip(dir.path / "a.zip", {{"big.xml", big}});
  ReaderLimits limits;
  limits.max_uncompressed_bytes = 5'000'000;  // below the entry's 6,000,000 bytes
  ZipArchive zip((dir.path / "a.zip").string(), limits);
  auto in = zip.open("big.xml");
  ASSERT_TRUE(in->reads_ahead());
  std::string got;
  try {
    got = read_all(*in, 65536);
    FAIL() << "no error past the limit";
  } catch (const ReaderError& e) {
    EXPECT_EQ(e.code(), "reader.too_large");
  }
}

TEST(ZipReadAhead, AStreamClosedHalfWayAndTwoStreamsReadAlternately) {
  test::TempDir dir("mujun-zip-ahead-two");
  const std::string a = pattern(), b = pattern(5'000'000) + "end";
  test::write_zip(dir.path / "a.zip", {{"a.xml", a}, {"b.xml", b}});
  ZipArchive zip((dir.path / "a.zip").string(), ReaderLimits{});
  {
    auto half = zip.open("a.xml");
    std::string buf(1000, '\0');
    EXPECT_EQ(half->read(buf.data(), buf.size()), 1000u);
  }  // closed with its thread still inflating: no hang, no crash
  auto x = zip.open("a.xml");
  auto y = zip.open("b.xml");
  std::string gx, gy, buf(50'000, '\0');
  bool more_x = true, more_y = true;
  while (more_x || more_y) {
    if (more_x) {
      const std::size_t n = x->read(buf.data(), buf.size());
      gx.append(buf.data(), n);
      more_x = n > 0;
    }
    if (more_y) {
      const std::size_t n = y->read(buf.data(), 30'000);
      gy.append(buf.data(), n);
      more_y = n > 0;
    }
  }
  EXPECT_EQ(gx, a);
  EXPECT_EQ(gy, b);
}

}  // namespace
}  // namespace mujun::readers
