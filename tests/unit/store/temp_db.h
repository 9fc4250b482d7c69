// A fresh folder for one test's database files: <temp>/<prefix>-<pid>-<test name>, emptied when made
// and removed afterwards, so tests running in parallel (ctest -j) never share a file.
#pragma once
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace mujun::testing_support {

struct TempDb {
  std::filesystem::path dir;
  explicit TempDb(const std::string& prefix = "mujun-store") {
    dir = std::filesystem::temp_directory_path() /
          (prefix + "-" + std::to_string(::getpid()) + "-" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
  }
  ~TempDb() { std::filesystem::remove_all(dir); }
  TempDb(const TempDb&) = delete;
  TempDb& operator=(const TempDb&) = delete;
  /// Path of a file in the folder ("t.db" by default).
  std::string path(const char* name = "t.db") const { return (dir / name).string(); }
};

}  // namespace mujun::testing_support
