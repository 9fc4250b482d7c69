// mujun — Frame ⇄ bytes for the snapshot cache (see frame_codec.h).
#include "store/sqlite/frame_codec.h"

#include <bit>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "store/sqlite/huge_pages.h"

namespace mujun::store::sqlite {
namespace {
static_assert(std::endian::native == std::endian::little, "the cached frame layout is little-endian");
constexpr char kEnd[4] = {'M', 'J', 'F', 'E'};

struct Out {
  std::string b;
  template <class T>
  void pod(const T& v) { b.append(reinterpret_cast<const char*>(&v), sizeof v); }
  template <class T>
  void column(const std::vector<T>& v) { b.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T)); }
  void str(const std::string& s) {
    pod(static_cast<std::uint32_t>(s.size()));
    b.append(s);
  }
};

class In {
 public:
  In(std::size_t total, const ByteReader& read) : total_(total), read_(read), buf_(kChunk) {}
  void bytes(void* dst, std::size_t n) {
    auto* d = static_cast<char*>(dst);
    while (n) {
      if (pos_ == len_) {
        if (n >= kChunk) {  // a whole column: straight into its vector
          fetch(d, n);
          return;
        }
        refill();
      }
      std::size_t k = std::min(n, len_ - pos_);
      std::memcpy(d, buf_.data() + pos_, k);
      pos_ += k; d += k; n -= k;
    }
  }
  template <class T>
  T pod() {
    T v;
    bytes(&v, sizeof v);
    return v;
  }
  template <class T>
  void column(std::vector<T>& v, std::size_t n) {
    resize_huge(v, n);
    bytes(v.data(), n * sizeof(T));
  }
  void str(std::string& s) {
    auto n = pod<std::uint32_t>();
    if (n > total_) throw std::runtime_error("cached frame: string length beyond the data");
    if (n <= len_ - pos_) {
      s.assign(buf_.data() + pos_, n);
      pos_ += n;
    } else {
      s.resize(n);
      bytes(s.data(), n);
    }
  }
  std::uint32_t count() {
    auto n = pod<std::uint32_t>();
    if (n > total_) throw std::runtime_error("cached frame: count beyond the data");
    return n;
  }
  bool at_end() const { return pos_ == len_ && off_ == total_; }

 private:
  static constexpr std::size_t kChunk = 1 << 20;
  void fetch(char* d, std::size_t n) {
    if (n > total_ - off_ || !read_(d, n, off_)) throw std::runtime_error("cached frame: truncated");
    off_ += n;
  }
  void refill() {
    std::size_t k = std::min(kChunk, total_ - off_);
    if (k == 0) throw std::runtime_error("cached frame: truncated");
    fetch(buf_.data(), k);
    pos_ = 0;
    len_ = k;
  }
  std::size_t total_, off_ = 0, pos_ = 0, len_ = 0;
  const ByteReader& read_;
  std::vector<char> buf_;
};

}  // namespace

std::string encode_frame(const Frame& f) {
  const std::size_t n = f.size();
  // The exact size first: the buffer is allocated once, on huge pages (huge_pages.h).
  std::size_t size = 8 + 4 + n * (1 + 4 + 8 + 8 + 4 + 4) + 4 + sizeof kEnd;
  for (auto* col : {&f.uscc, &f.name, &f.industry_code, &f.township})
    for (auto& s : *col) size += 4 + s.size();
  for (auto& fl : f.flags)
    for (auto& s : fl) size += 4 + s.size();
  for (auto& cs : f.certificates)
    for (auto& c : cs) size += 20 + c.tier.size() + c.level.size() + c.number.size() + c.issued.size() + c.expires.size();
  for (auto& [id, col] : f.metrics) size += 4 + id.size() + col.micros.size() * 8;
  Out o;
  reserve_huge(o.b, size);
  o.pod(static_cast<std::uint64_t>(n));
  o.pod(static_cast<std::int32_t>(f.year));
  for (auto* col : {&f.uscc, &f.name, &f.industry_code, &f.township})
    for (auto& s : *col) o.str(s);
  o.column(f.above_scale);
  for (int y : f.production_start_year) o.pod(static_cast<std::int32_t>(y));
  o.column(f.land_owned_m2.micros);
  o.column(f.land_leased_m2.micros);
  for (auto& fl : f.flags) {
    o.pod(static_cast<std::uint32_t>(fl.size()));
    for (auto& s : fl) o.str(s);
  }
  for (auto& cs : f.certificates) {
    o.pod(static_cast<std::uint32_t>(cs.size()));
    for (auto& c : cs) { o.str(c.tier); o.str(c.level); o.str(c.number); o.str(c.issued); o.str(c.expires); }
  }
  o.pod(static_cast<std::uint32_t>(f.metrics.size()));
  for (auto& [id, col] : f.metrics) {
    o.str(id);
    o.column(col.micros);
  }
  o.b.append(kEnd, sizeof kEnd);
  return std::move(o.b);
}

Frame decode_frame(std::size_t total, const ByteReader& read) {
  In in(total, read);
  Frame f;
  const auto n64 = in.pod<std::uint64_t>();
  if (n64 > total / 4) throw std::runtime_error("cached frame: enterprise count beyond the data");
  const auto n = static_cast<std::size_t>(n64);
  f.year = in.pod<std::int32_t>();
  for (auto* col : {&f.uscc, &f.name, &f.industry_code, &f.township}) {
    resize_huge(*col, n);
    for (auto& s : *col) in.str(s);
  }
  in.column(f.above_scale, n);
  static_assert(sizeof(int) == sizeof(std::int32_t));
  in.column(f.production_start_year, n);
  in.column(f.land_owned_m2.micros, n);
  in.column(f.land_leased_m2.micros, n);
  resize_huge(f.flags, n);
  for (auto& fl : f.flags) {
    fl.resize(in.count());
    for (auto& s : fl) in.str(s);
  }
  resize_huge(f.certificates, n);
  for (auto& cs : f.certificates) {
    cs.resize(in.count());
    for (auto& c : cs) { in.str(c.tier); in.str(c.level); in.str(c.number); in.str(c.issued); in.str(c.expires); }
  }
  for (std::uint32_t m = 0, k = in.count(); m < k; ++m) {
    std::string id;
    in.str(id);
    in.column(f.metrics[id].micros, n);
  }
  char end[4];
  in.bytes(end, sizeof end);
  if (std::memcmp(end, kEnd, sizeof end) != 0 || !in.at_end()) throw std::runtime_error("cached frame: bad end mark");
  return f;
}

}  // namespace mujun::store::sqlite
