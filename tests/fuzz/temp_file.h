// mujun fuzzing — the readers and the importer read paths, so a target writes its input to a
// file first: one file per process and name, rewritten on every call, removed at exit.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace mujun::fuzz {

/// Writes `size` bytes to <temp dir>/mujun-fuzz-<pid>/<name> (truncating) and returns the path.
/// The temp dir is $TMPDIR, else /dev/shm when present (no disk writes), else /tmp.
std::string write_temp(const std::string& name, const std::uint8_t* data, std::size_t size);

}  // namespace mujun::fuzz
