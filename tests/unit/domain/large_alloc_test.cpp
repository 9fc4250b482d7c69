// domain/large_alloc.h: huge-page-aligned blocks for large columns, kept for reuse when freed.
#include "domain/large_alloc.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <algorithm>
#include <numeric>
#include <vector>

namespace mujun {
namespace {

constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;

TEST(LargeAlloc, LargeBlocksStartOnA2MiBBoundaryAndAreWritable) {
  // 3 MiB + 1 byte: mapped, rounded up to 4 MiB, at a 2 MiB boundary; every byte can be written.
  const std::size_t bytes = (std::size_t{3} << 20) + 1;
  auto* p = static_cast<unsigned char*>(large_allocate(bytes));
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % kHuge, 0u);
  for (std::size_t i = 0; i < bytes; i += 4096) p[i] = static_cast<unsigned char>(i);
  p[bytes - 1] = 7;
  EXPECT_EQ(p[bytes - 1], 7);
  large_deallocate(p, bytes);
}

TEST(LargeAlloc, AFreedBlockIsHandedToTheNextAllocationOfTheSameSize) {
  const std::size_t bytes = std::size_t{5} << 20;  // 5 MiB → a 6 MiB block
  const std::size_t before = large_retained_bytes();
  void* a = large_allocate(bytes);
  large_deallocate(a, bytes);
  EXPECT_EQ(large_retained_bytes(), before + (std::size_t{6} << 20));
  void* b = large_allocate(bytes + 100);  // the same rounded size: the same block
  EXPECT_EQ(a, b);
  EXPECT_EQ(large_retained_bytes(), before);
  void* c = large_allocate(std::size_t{9} << 20);  // another size: a new block
  EXPECT_NE(c, b);
  large_deallocate(b, bytes + 100);
  large_deallocate(c, std::size_t{9} << 20);
}

TEST(LargeAlloc, RetainedBytesStayWithinTheLimit) {
  // Free more than kLargeRetainMax in blocks of 64 MiB: the excess is returned to the system.
  const std::size_t block = std::size_t{64} << 20;
  std::vector<void*> blocks;
  for (std::size_t k = 0; k < kLargeRetainMax / block + 3; ++k) blocks.push_back(large_allocate(block));
  for (void* p : blocks) large_deallocate(p, block);
  EXPECT_LE(large_retained_bytes(), kLargeRetainMax);
  EXPECT_GE(large_retained_bytes(), kLargeRetainMax - block);
  // Take them back so the other tests start from the same state.
  for (std::size_t k = 0; k < blocks.size(); ++k) blocks[k] = large_allocate(block);
  for (void* p : blocks) large_deallocate(p, block);
}

TEST(LargeAlloc, TheOldestKeptBlocksMakeRoomForNewOnes) {
  // Fill the list with 8 MiB blocks (an old evaluation), then free a 10 MiB block: it is kept and the
  // oldest 8 MiB blocks are returned, so a 10 MiB allocation gets it back.
  const std::size_t old_size = std::size_t{8} << 20, new_size = std::size_t{10} << 20;
  std::vector<void*> old;
  for (std::size_t k = 0; k < kLargeRetainMax / old_size; ++k) old.push_back(large_allocate(old_size));
  for (void* p : old) large_deallocate(p, old_size);
  ASSERT_EQ(large_retained_bytes(), kLargeRetainMax);
  void* fresh = large_allocate(new_size);
  large_deallocate(fresh, new_size);
  EXPECT_LE(large_retained_bytes(), kLargeRetainMax);
  EXPECT_EQ(large_allocate(new_size), fresh);  // kept, not returned
  large_deallocate(fresh, new_size);
  void* again = large_allocate(old_size);  // the newest 8 MiB blocks are still there
  EXPECT_NE(std::find(old.begin(), old.end(), again), old.end());
  large_deallocate(again, old_size);
}

TEST(LargeAlloc, MidSizedBlocksAreMappedInPagesAndKept) {
  // 800,000 bytes (a column of 100,000 doubles): mapped in 4 KiB pages (196 pages), kept when freed.
  const std::size_t bytes = 800'000, before = large_retained_bytes();
  void* p = large_allocate(bytes);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % 4096, 0u);
  static_cast<char*>(p)[bytes - 1] = 1;
  large_deallocate(p, bytes);
  EXPECT_EQ(large_retained_bytes(), before + 196 * 4096);
  EXPECT_EQ(large_allocate(bytes), p);
  large_deallocate(p, bytes);
}

TEST(LargeAlloc, SmallBlocksComeFromOperatorNew) {
  const std::size_t before = large_retained_bytes();
  void* p = large_allocate(1000);
  ASSERT_NE(p, nullptr);
  large_deallocate(p, 1000);
  EXPECT_EQ(large_retained_bytes(), before);  // not kept
  large_deallocate(nullptr, 1000);            // a null pointer is ignored
}

TEST(LargeVector, HoldsWhatIsWrittenAndAssignSetsEveryElement) {
  LargeVector<double> v;
  v.resize(300'000);  // 2.4 MB: a mapped block
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(v.data()) % kHuge, 0u);
  std::iota(v.begin(), v.end(), 0.5);
  EXPECT_EQ(v[299'999], 299'999.5);
  v.assign(300'000, -1.0);
  EXPECT_EQ(v[0], -1.0);
  EXPECT_EQ(v[299'999], -1.0);
  LargeVector<int> w{3, 1, 2};  // small: operator new
  w.push_back(4);
  EXPECT_EQ(w, (LargeVector<int>{3, 1, 2, 4}));
  LargeVector<double> copy = v;
  EXPECT_EQ(copy[12], -1.0);
}

}  // namespace
}  // namespace mujun
