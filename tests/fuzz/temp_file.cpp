#include "temp_file.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace mujun::fuzz {
namespace {
namespace fs = std::filesystem;

struct Dir {
  fs::path path;
  Dir() {
    const char* t = std::getenv("TMPDIR");
    fs::path base = t && *t ? fs::path(t) : (fs::is_directory("/dev/shm") ? fs::path("/dev/shm") : fs::path("/tmp"));
    path = base / ("mujun-fuzz-" + std::to_string(::getpid()));
    fs::create_directories(path);
  }
  ~Dir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};
}  // namespace

std::string write_temp(const std::string& name, const std::uint8_t* data, std::size_t size) {
  static Dir dir;
  std::string p = (dir.path / name).string();
  std::FILE* f = std::fopen(p.c_str(), "wb");
  if (!f) throw std::runtime_error("fuzz: cannot write " + p);
  if (size && std::fwrite(data, 1, size, f) != size) {
    std::fclose(f);
    throw std::runtime_error("fuzz: short write " + p);
  }
  std::fclose(f);
  return p;
}

}  // namespace mujun::fuzz
