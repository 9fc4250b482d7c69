// mujun — storage for columns of a million enterprises (used by the evaluation engine's result
// columns and buffers; the store's snapshot uses advise_huge_pages).
//
// A fresh block is faulted in by the kernel page by page. With 4 KiB pages a million-enterprise
// evaluation takes tens of thousands of faults, and on the measuring VM each costs about 11 µs
// (docs/PERFORMANCE.md "Update 2026-12-06 (fourth session)"): 160 MB of fresh columns cost 450 ms in
// 4 KiB faults and 13 ms on 2 MiB pages. LargeAllocator therefore maps blocks of 2 MiB or more directly
// (mmap), at a 2 MiB boundary, rounded up to whole 2 MiB pages and marked MADV_HUGEPAGE (honoured when
// /sys/kernel/mm/transparent_hugepage/enabled is "always" or "madvise"; where refused, only the speed
// changes); blocks from kLargeBlock (256 KiB) to 2 MiB are mapped in 4 KiB pages, so that they too are
// kept for reuse. Smaller blocks come from operator new. A freed mapped block is kept (up to
// kLargeRetainMax bytes in all, process-wide; the oldest are returned to the system first) and handed
// to the next allocation of the same rounded size: a server or a benchmark evaluating a Frame again
// reuses the same blocks instead of asking the kernel for fresh pages, as malloc keeps freed memory
// for reuse. Kept blocks stay resident.
//
// Unlike std::allocator, LargeAllocator default-initialises: `resize(n)` on a LargeVector of a trivial
// type (double, int, char, enums, plain structs) leaves the new elements unset, like `new T[n]`, so a
// column that is about to be written in full is not cleared first. Use assign(n, value) for a set value.
#pragma once
#include <cstddef>
#include <new>
#include <utility>
#include <vector>

namespace mujun {

/// Marks the aligned 2 MiB pages inside [data, data + bytes) for transparent huge pages (Linux; a
/// no-op elsewhere or when refused).
void advise_huge_pages(void* data, std::size_t bytes);

/// `bytes` of storage aligned for any type: mapped when bytes ≥ kLargeBlock (on 2 MiB pages from 2 MiB on), else from
/// operator new. Throws std::bad_alloc when the system refuses.
void* large_allocate(std::size_t bytes);
/// Frees what large_allocate(bytes) returned (the same `bytes`).
void large_deallocate(void* p, std::size_t bytes) noexcept;
/// Blocks of at least this many bytes are mapped (and kept for reuse when freed): from 2 MiB on, on
/// huge pages at a 2 MiB boundary; below, in 4 KiB pages (a column of 100,000 enterprises).
inline constexpr std::size_t kLargeBlock = std::size_t{256} << 10;
/// At most this many bytes of freed blocks are kept for reuse (about two evaluations of a million
/// enterprises); beyond it a freed block is returned to the system.
inline constexpr std::size_t kLargeRetainMax = std::size_t{512} << 20;
/// Bytes of freed blocks currently kept for reuse.
std::size_t large_retained_bytes();

/// Stateless allocator over large_allocate, default-initialising (see the file comment).
template <class T>
struct LargeAllocator {
  using value_type = T;
  LargeAllocator() = default;
  template <class U>
  LargeAllocator(const LargeAllocator<U>&) noexcept {}
  T* allocate(std::size_t n) {
    if (n > static_cast<std::size_t>(-1) / sizeof(T)) throw std::bad_alloc();
    return static_cast<T*>(large_allocate(n * sizeof(T)));
  }
  void deallocate(T* p, std::size_t n) noexcept { large_deallocate(p, n * sizeof(T)); }
  /// Default-initialises (no value for trivial types).
  template <class U>
  void construct(U* p) noexcept(noexcept(::new (static_cast<void*>(p)) U)) {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
  template <class U>
  bool operator==(const LargeAllocator<U>&) const noexcept { return true; }
};

/// A column of a million enterprises: std::vector on LargeAllocator.
template <class T>
using LargeVector = std::vector<T, LargeAllocator<T>>;

}  // namespace mujun
