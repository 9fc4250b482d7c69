// mujun — large snapshot columns on transparent huge pages (store internals).
//
// A snapshot of 1,000,000 enterprises allocates about 700 MB (the Frame's columns and strings) and
// encodes 165 MB for the cache. Fresh memory is faulted in by the kernel page by page; with 4 KiB pages
// that is tens of thousands of faults, and on the measuring VM each fault costs microseconds
// (docs/PERFORMANCE.md, "Update 2026-12-06: SQLite path"). Buffers of 2 MiB or more are therefore
// reserved first and marked MADV_HUGEPAGE before they are written (honoured when
// /sys/kernel/mm/transparent_hugepage/enabled is "always" or "madvise"). Only a hint: where it is
// refused or not available, nothing changes but the speed. (domain/large_alloc.h advise_huge_pages;
// the evaluation engine's columns use its LargeAllocator.)
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "domain/large_alloc.h"

namespace mujun::store::sqlite {

/// Reserves room for `n` elements in an empty `v`, advised for huge pages.
template <class T>
void reserve_huge(std::vector<T>& v, std::size_t n) {
  if (v.capacity() >= n) return;
  v.reserve(n);
  advise_huge_pages(v.data(), n * sizeof(T));
}

/// `v` = n copies of `value`, in storage advised for huge pages.
template <class T>
void assign_huge(std::vector<T>& v, std::size_t n, const T& value) {
  reserve_huge(v, n);
  v.assign(n, value);
}

/// `v` resized to `n` value-initialised elements, in storage advised for huge pages.
template <class T>
void resize_huge(std::vector<T>& v, std::size_t n) {
  reserve_huge(v, n);
  v.resize(n);
}

/// Reserves `n` bytes in an empty string, advised for huge pages.
inline void reserve_huge(std::string& s, std::size_t n) {
  if (s.capacity() >= n) return;
  s.reserve(n);
  advise_huge_pages(s.data(), n);
}

}  // namespace mujun::store::sqlite
