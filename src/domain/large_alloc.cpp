#include "domain/large_alloc.h"

#include <cstdint>
#include <deque>
#include <iterator>
#include <utility>
#include <mutex>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace mujun {
namespace {
constexpr std::size_t kHuge = std::size_t{2} << 20;
constexpr std::size_t kPage = 4096;
/// Blocks below one huge page are mapped in whole 4 KiB pages, the others in whole 2 MiB pages.
constexpr std::size_t round_up(std::size_t bytes) {
  return bytes < kHuge ? (bytes + kPage - 1) & ~(kPage - 1) : (bytes + kHuge - 1) & ~(kHuge - 1);
}

#if defined(__linux__)
/// Freed mapped blocks kept for the next allocation of the same rounded size (a re-evaluation of a
/// Frame of the same size asks for exactly the same blocks), up to kLargeRetainMax bytes in all; when
/// a freed block does not fit, the oldest kept blocks are returned to the system first, so the sizes
/// in use now win over those of an evaluation long past.
struct Retained {
  std::mutex lock;
  std::deque<std::pair<std::size_t, void*>> blocks;  // (rounded size, block), oldest first
  std::size_t bytes = 0;
};
Retained& retained() {
  static Retained* r = new Retained;  // never destroyed: columns may be freed during static destruction
  return *r;
}

/// Returns every kept block to the system (when the system refuses a new mapping).
void release_retained() {
  Retained& r = retained();
  std::lock_guard<std::mutex> hold(r.lock);
  for (const auto& [size, p] : r.blocks) munmap(p, size);
  r.blocks.clear();
  r.bytes = 0;
}

void* map_pages(std::size_t bytes) {
  void* raw = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) {  // kept blocks first go back, then one more try
    release_retained();
    raw = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  }
  if (raw == MAP_FAILED) throw std::bad_alloc();
  return raw;
}

void* map_block(std::size_t size) {
  if (size < kHuge) return map_pages(size);  // 4 KiB pages
  // One huge page more than needed, then the unaligned head and the tail unmapped.
  void* raw = map_pages(size + kHuge);
  const auto begin = reinterpret_cast<std::uintptr_t>(raw);
  const std::uintptr_t aligned = (begin + kHuge - 1) & ~std::uintptr_t{kHuge - 1};
  if (aligned > begin) munmap(raw, aligned - begin);
  const std::uintptr_t end = begin + size + kHuge;
  if (end > aligned + size) munmap(reinterpret_cast<void*>(aligned + size), end - (aligned + size));
  advise_huge_pages(reinterpret_cast<void*>(aligned), size);
  return reinterpret_cast<void*>(aligned);
}
#endif
}  // namespace

void advise_huge_pages(void* data, std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  const auto begin = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t first = (begin + kHuge - 1) & ~std::uintptr_t{kHuge - 1};
  const std::uintptr_t last = (begin + bytes) & ~std::uintptr_t{kHuge - 1};
  if (data && last > first) madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#else
  (void)data;
  (void)bytes;
#endif
}

void* large_allocate(std::size_t bytes) {
#if defined(__linux__)
  if (bytes >= kLargeBlock) {
    if (bytes > static_cast<std::size_t>(-1) - 2 * kHuge) throw std::bad_alloc();
    const std::size_t size = round_up(bytes);
    {
      Retained& r = retained();
      std::lock_guard<std::mutex> hold(r.lock);
      for (auto it = r.blocks.rbegin(); it != r.blocks.rend(); ++it)  // the newest block of that size
        if (it->first == size) {
          void* p = it->second;
          r.blocks.erase(std::next(it).base());
          r.bytes -= size;
          return p;
        }
    }
    return map_block(size);
  }
#endif
  return ::operator new(bytes);
}

void large_deallocate(void* p, std::size_t bytes) noexcept {
  if (!p) return;
#if defined(__linux__)
  if (bytes >= kLargeBlock) {
    const std::size_t size = round_up(bytes);
    if (size <= kLargeRetainMax) {
      Retained& r = retained();
      std::lock_guard<std::mutex> hold(r.lock);
      try {
        r.blocks.emplace_back(size, p);
        r.bytes += size;
      } catch (...) {  // no room for the list's entry: the block is unmapped instead
        munmap(p, size);
        return;
      }
      while (r.bytes > kLargeRetainMax) {  // the oldest blocks go back to the system
        munmap(r.blocks.front().second, r.blocks.front().first);
        r.bytes -= r.blocks.front().first;
        r.blocks.pop_front();
      }
      return;
    }
    munmap(p, size);
    return;
  }
#endif
  ::operator delete(p);
}

std::size_t large_retained_bytes() {
#if defined(__linux__)
  Retained& r = retained();
  std::lock_guard<std::mutex> hold(r.lock);
  return r.bytes;
#else
  return 0;
#endif
}

}  // namespace mujun
