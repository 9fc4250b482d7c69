// mujun — a Frame (domain/frame.h) as bytes, column by column, for the SQLite store's snapshot cache.
//
// Layout (format kFrameFormat; integers in the machine's little-endian order): u64 enterprise count
// n, i32 year; the strings uscc, name, industry_code, township (each u32 length + UTF-8 bytes, n of
// each); above_scale n × i8; production_start_year n × i32; land_owned_m2, land_leased_m2 n × i64
// micro-m²; flags (per enterprise u32 count + strings); certificates (per enterprise u32 count + tier,
// level, number, issued, expires); u32 metric count, then per metric its id and n × i64 micro-units;
// the 4 bytes "MJFE". decode(encode(f)) equals f in every member, so frame_sha256 is unchanged.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "domain/frame.h"

namespace mujun::store::sqlite {

/// Version of the layout above and of the snapshot rules that produce the frames (snapshot.h):
/// change it whenever either changes, so that older cached frames are read again from the tables.
inline constexpr int kFrameFormat = 1;

/// The bytes of `f` (about 180 MB for 1,000,000 enterprises with 8 metrics).
std::string encode_frame(const Frame& f);

/// Reads `size` bytes at `offset` of the encoded frame into `out`; false when they cannot be read.
using ByteReader = std::function<bool(void* out, std::size_t size, std::size_t offset)>;

/// The frame encoded in the `total` bytes delivered by `read` (read in pieces of ≤ 1 MiB, so the
/// encoded frame is never held whole). Throws std::runtime_error when the bytes are not a frame of
/// this format (truncated, inconsistent counts): the caller then reads the tables instead.
Frame decode_frame(std::size_t total, const ByteReader& read);

}  // namespace mujun::store::sqlite
